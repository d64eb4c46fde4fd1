package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.fn.CompleteFn;
import dev.rivulet.fn.ReduceFn;
import org.apache.flink.util.Collector;

/** Bytewax's {@code reduce} with a completion test, as the native {@code ReduceStep}. */
public final class ReduceFunction extends KeyedFunction {
    private static final long serialVersionUID = 1L;

    private final ReduceFn<Object> reducer;
    private final CompleteFn<Object> isComplete;

    @SuppressWarnings("unchecked")
    public ReduceFunction(String stepId, ReduceFn<?> reducer, CompleteFn<?> isComplete) {
        super(stepId, "reduce");
        this.reducer = (ReduceFn<Object>) reducer;
        this.isComplete = (CompleteFn<Object>) isComplete;
    }

    @Override
    public void processElement(Object item, Context ctx, Collector<Object> out) throws Exception {
        counters.in.add(1);
        Object value = ((KV<?, ?>) item).value();
        Object acc = state.value();
        boolean complete;
        try {
            acc = acc == null ? value : reducer.apply(acc, value);
            if (acc == null) {
                throw new IllegalStateException("the reducer returned null; return the new accumulator");
            }
            complete = isComplete.test(acc);
        } catch (Throwable t) {
            throw failure(item, t);
        }
        if (complete) {
            state.clear();
            emit(ctx, out, acc);
        } else {
            state.update(acc);
        }
    }
}
