package dev.rivulet.engine.steps;

import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.FoldFn;
import dev.rivulet.fn.ReduceFn;
import dev.rivulet.fn.StateBuilder;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.Windower;
import dev.rivulet.window.internals.Aggregator;
import dev.rivulet.window.internals.FoldAggregator;

/** {@code foldWindow}: per key and window, folds values into {@code builder.build()}. */
public final class FoldWindowStep extends WindowStep {
    private static final long serialVersionUID = 1L;

    private final Aggregator aggregator;

    public FoldWindowStep(String stepId, StreamRef input, WindowClock<?> clock, Windower windower,
            StateBuilder<?> builder, FoldFn<?, ?> folder, ReduceFn<?> merger) {
        super(stepId, input, clock, windower);
        this.aggregator = new FoldAggregator(builder, folder, merger, windowsMayMerge());
    }

    @Override
    public String operator() {
        return "foldWindow";
    }

    @Override
    protected Aggregator aggregator() {
        return aggregator;
    }
}
