package dev.rivulet.engine.steps;

import dev.rivulet.flow.StreamRef;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.Windower;
import dev.rivulet.window.internals.Aggregator;
import dev.rivulet.window.internals.CollectAggregator;

/** {@code collectWindow}: per key and window, the values as a list sorted by item time. */
public final class CollectWindowStep extends WindowStep {
    private static final long serialVersionUID = 1L;

    private final Aggregator aggregator = new CollectAggregator();

    public CollectWindowStep(String stepId, StreamRef input, WindowClock<?> clock, Windower windower) {
        super(stepId, input, clock, windower);
    }

    @Override
    public String operator() {
        return "collectWindow";
    }

    @Override
    protected Aggregator aggregator() {
        return aggregator;
    }
}
