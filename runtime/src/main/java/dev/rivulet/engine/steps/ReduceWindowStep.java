package dev.rivulet.engine.steps;

import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.ReduceFn;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.Windower;
import dev.rivulet.window.internals.Aggregator;
import dev.rivulet.window.internals.ReduceAggregator;

/** {@code reduceWindow}: per key and window, reduces the values with an associative reducer. */
public final class ReduceWindowStep extends WindowStep {
    private static final long serialVersionUID = 1L;

    private final Aggregator aggregator;

    public ReduceWindowStep(String stepId, StreamRef input, WindowClock<?> clock, Windower windower,
            ReduceFn<?> reducer) {
        super(stepId, input, clock, windower);
        this.aggregator = new ReduceAggregator(reducer);
    }

    @Override
    public String operator() {
        return "reduceWindow";
    }

    @Override
    protected Aggregator aggregator() {
        return aggregator;
    }
}
