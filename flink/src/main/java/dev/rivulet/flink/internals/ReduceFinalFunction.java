package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.fn.ReduceFn;
import org.apache.flink.util.Collector;

/** {@code reduce} without completion: every key's accumulator once, at the end of input. */
public final class ReduceFinalFunction extends KeyedFunction {
    private static final long serialVersionUID = 1L;

    private final ReduceFn<Object> reducer;

    @SuppressWarnings("unchecked")
    public ReduceFinalFunction(String stepId, ReduceFn<?> reducer) {
        super(stepId, "reduce");
        this.reducer = (ReduceFn<Object>) reducer;
    }

    @Override
    public void processElement(Object item, Context ctx, Collector<Object> out) throws Exception {
        counters.in.add(1);
        Object value = ((KV<?, ?>) item).value();
        Object acc = state.value();
        if (acc == null) {
            atEndOfInput(ctx);
        }
        try {
            acc = acc == null ? value : reducer.apply(acc, value);
            if (acc == null) {
                throw new IllegalStateException("the reducer returned null; return the new accumulator");
            }
        } catch (Throwable t) {
            throw failure(item, t);
        }
        state.update(acc);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Object> out) throws Exception {
        Object acc = state.value();
        if (acc != null) {
            emit(ctx, out, acc);
        }
    }
}
