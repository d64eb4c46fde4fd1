package dev.rivulet.engine.steps;

import dev.rivulet.engine.KeyedLogic;
import dev.rivulet.engine.KeyedStep;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.CompleteFn;
import dev.rivulet.fn.ReduceFn;
import dev.rivulet.engine.KeyedOutput;

/**
 * {@code reduce(stepId, reducer, isComplete)}: Bytewax's semantics exactly. The first value of a
 * key becomes its accumulator without calling the reducer; every later value is folded in; after
 * each value {@code isComplete} decides whether to emit the accumulator and forget it. Incomplete
 * accumulators are never emitted, not even at the end of input (they stay in recovery state).
 */
public final class ReduceStep extends KeyedStep {
    private final ReduceFn<Object> reducer;
    private final CompleteFn<Object> isComplete;

    @SuppressWarnings("unchecked")
    public ReduceStep(String stepId, StreamRef input, ReduceFn<?> reducer, CompleteFn<?> isComplete) {
        super(stepId, input);
        this.reducer = (ReduceFn<Object>) reducer;
        this.isComplete = (CompleteFn<Object>) isComplete;
    }

    @Override
    public String operator() {
        return "reduce";
    }

    @Override
    protected KeyedLogic createLogic(Object key, Object snapshot) {
        return new Logic(snapshot);
    }

    private final class Logic implements KeyedLogic {
        private Object accumulator;

        Logic(Object snapshot) {
            this.accumulator = snapshot;
        }

        @Override
        public void onValue(Object value, KeyedOutput out) throws Exception {
            accumulator = accumulator == null ? value : reducer.apply(accumulator, value);
            if (accumulator == null) {
                throw new IllegalStateException("the reducer returned null; return the new accumulator");
            }
            if (isComplete.test(accumulator)) {
                out.accept(accumulator);
                accumulator = null;
            }
        }

        @Override
        public boolean isDiscarded() {
            return accumulator == null;
        }

        @Override
        public Object snapshot() {
            return accumulator;
        }
    }
}
