package dev.rivulet.engine.steps;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StatelessStep;
import dev.rivulet.engine.StepStats;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.InspectFn;

/** {@code inspect}: calls a function for its side effect and passes every item on unchanged. */
public final class InspectStep extends StatelessStep {
    private static final long serialVersionUID = 1L;

    private final InspectFn<Object> inspector;

    @SuppressWarnings("unchecked")
    public InspectStep(String stepId, StreamRef input, InspectFn<?> inspector) {
        super(stepId, input);
        this.inspector = (InspectFn<Object>) inspector;
    }

    @Override
    public String operator() {
        return "inspect";
    }

    @Override
    public Stage stage(ItemSink next, StepStats stats) {
        return StageClasses.create(InspectStage.class, this, next, stats, inspector);
    }
}
