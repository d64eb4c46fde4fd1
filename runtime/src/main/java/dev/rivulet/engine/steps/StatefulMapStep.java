package dev.rivulet.engine.steps;

import dev.rivulet.StateUpdate;
import dev.rivulet.engine.KeyedLogic;
import dev.rivulet.engine.KeyedStep;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.StateBuilder;
import dev.rivulet.fn.StatefulMapper;
import dev.rivulet.engine.KeyedOutput;

/**
 * {@code statefulMap(stepId, builder, mapper)}: for every value, {@code mapper(state, value)}
 * returns the new state and the value to emit (emitted for every input, even {@code null}). A key
 * without state gets {@code builder.build()} first, which may be {@code null} ("no state yet":
 * the mapper then receives {@code null}); a {@code null} new state forgets the key.
 */
public final class StatefulMapStep extends KeyedStep {
    private final StateBuilder<Object> builder;
    private final StatefulMapper<Object, Object, Object> mapper;

    @SuppressWarnings("unchecked")
    public StatefulMapStep(String stepId, StreamRef input, StateBuilder<?> builder,
            StatefulMapper<?, ?, ?> mapper) {
        super(stepId, input);
        this.builder = (StateBuilder<Object>) builder;
        this.mapper = (StatefulMapper<Object, Object, Object>) mapper;
    }

    @Override
    public String operator() {
        return "statefulMap";
    }

    @Override
    protected KeyedLogic createLogic(Object key, Object snapshot) {
        return new Logic(snapshot);
    }

    private final class Logic implements KeyedLogic {
        private Object state;
        private boolean discarded;

        Logic(Object state) {
            this.state = state;
        }

        @Override
        public void onValue(Object value, KeyedOutput out) throws Exception {
            if (state == null) {
                // May stay null (Bytewax's `lambda: None`): the mapper then gets null, "no state yet".
                state = builder.build();
            }
            StateUpdate<?, ?> update = mapper.apply(state, value);
            if (update == null) {
                throw new IllegalStateException("the mapper of statefulMap must return a "
                        + "StateUpdate of (new state, value to emit); got null instead. "
                        + "Return StateUpdate.of(state, value) or StateUpdate.discard(value)");
            }
            state = update.state();
            discarded = state == null;
            out.accept(update.output());
        }

        @Override
        public boolean isDiscarded() {
            return discarded;
        }

        @Override
        public Object snapshot() {
            return state;
        }
    }
}
