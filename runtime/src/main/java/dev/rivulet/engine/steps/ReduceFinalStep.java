package dev.rivulet.engine.steps;

import dev.rivulet.engine.KeyedLogic;
import dev.rivulet.engine.KeyedStep;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.ReduceFn;
import java.io.Serializable;
import dev.rivulet.engine.KeyedOutput;

/**
 * {@code reduce(stepId, reducer)}: folds every value of a key and emits the accumulator of each
 * key that changed since its last emission at the end of input (Bytewax 0.18's
 * {@code reduce_final}). The accumulator is kept, so a continuation run that sees more input for a
 * key emits the updated total, and one that sees none emits nothing.
 */
public final class ReduceFinalStep extends KeyedStep {
    private final ReduceFn<Object> reducer;

    @SuppressWarnings("unchecked")
    public ReduceFinalStep(String stepId, StreamRef input, ReduceFn<?> reducer) {
        super(stepId, input);
        this.reducer = (ReduceFn<Object>) reducer;
    }

    @Override
    public String operator() {
        return "reduce";
    }

    @Override
    protected KeyedLogic createLogic(Object key, Object snapshot) {
        return snapshot == null ? new Logic(null, false) : new Logic((State) snapshot);
    }

    /** The recovered state of one key: its accumulator and whether it changed since emitted. */
    public record State(Object accumulator, boolean changed) implements Serializable {
    }

    private final class Logic implements KeyedLogic {
        private Object accumulator;
        private boolean changed;

        Logic(Object accumulator, boolean changed) {
            this.accumulator = accumulator;
            this.changed = changed;
        }

        Logic(State state) {
            this(state.accumulator(), state.changed());
        }

        @Override
        public void onValue(Object value, KeyedOutput out) throws Exception {
            accumulator = accumulator == null ? value : reducer.apply(accumulator, value);
            if (accumulator == null) {
                throw new IllegalStateException("the reducer returned null; return the new accumulator");
            }
            changed = true;
        }

        @Override
        public void onEof(KeyedOutput out) {
            if (changed) {
                out.accept(accumulator);
                changed = false;
            }
        }

        /** The accumulator: what this key would emit if the input ended now. */
        @Override
        public Object soFar() {
            return accumulator;
        }

        @Override
        public boolean isDiscarded() {
            return accumulator == null;
        }

        @Override
        public Object snapshot() {
            return new State(accumulator, changed);
        }
    }
}
