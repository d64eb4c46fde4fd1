package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.StateUpdate;
import dev.rivulet.fn.StateBuilder;
import dev.rivulet.fn.StatefulMapper;
import org.apache.flink.util.Collector;

/** {@code statefulMap}, as the native {@code StatefulMapStep}: a {@code null} new state forgets the key. */
public final class StatefulMapFunction extends KeyedFunction {
    private static final long serialVersionUID = 1L;

    private final StateBuilder<Object> builder;
    private final StatefulMapper<Object, Object, Object> mapper;

    @SuppressWarnings("unchecked")
    public StatefulMapFunction(String stepId, StateBuilder<?> builder, StatefulMapper<?, ?, ?> mapper) {
        super(stepId, "statefulMap");
        this.builder = (StateBuilder<Object>) builder;
        this.mapper = (StatefulMapper<Object, Object, Object>) mapper;
    }

    @Override
    public void processElement(Object item, Context ctx, Collector<Object> out) throws Exception {
        counters.in.add(1);
        Object value = ((KV<?, ?>) item).value();
        Object current = state.value();
        StateUpdate<?, ?> update;
        try {
            if (current == null) {
                current = builder.build();
            }
            update = mapper.apply(current, value);
            if (update == null) {
                throw new IllegalStateException("the mapper of statefulMap must return a "
                        + "StateUpdate of (new state, value to emit); got null instead. "
                        + "Return StateUpdate.of(state, value) or StateUpdate.discard(value)");
            }
        } catch (Throwable t) {
            throw failure(item, t);
        }
        if (update.state() == null) {
            state.clear();
        } else {
            state.update(update.state());
        }
        emit(ctx, out, update.output());
    }
}
