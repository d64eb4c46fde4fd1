package dev.rivulet.engine.steps;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StepStats;
import dev.rivulet.fn.InspectFn;

/** The stage of {@link InspectStep}; a template copied per step by {@link StageClasses}. */
final class InspectStage extends Stage {
    private final InspectFn<Object> inspector;

    InspectStage(InspectStep step, ItemSink next, StepStats stats, InspectFn<Object> inspector) {
        super(step, next, stats);
        this.inspector = inspector;
    }

    @Override
    public void push(Object item) {
        in++;
        try {
            inspector.accept(item);
        } catch (Throwable t) {
            throw StepFailure.onItem(step, item, t);
        }
        next.push(item);
    }
}
