package dev.rivulet.engine.steps;

import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.fn.InspectEpochFn;
import java.util.List;

/**
 * {@code inspectEpoch}: calls a function with each item and its epoch, and passes every item on
 * unchanged. A vertex of its own (not fused), since it reads the epoch of each batch.
 */
public final class InspectEpochStep extends Step {
    private static final long serialVersionUID = 1L;

    private final InspectEpochFn<Object> inspector;

    @SuppressWarnings("unchecked")
    public InspectEpochStep(String stepId, StreamRef input, InspectEpochFn<?> inspector) {
        super(stepId, List.of(input));
        this.inspector = (InspectEpochFn<Object>) inspector;
    }

    @Override
    public String operator() {
        return "inspectEpoch";
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new Operator() {
            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                for (int i = 0; i < batch.size; i++) {
                    Object item = batch.item(i);
                    try {
                        inspector.accept(batch.epoch, item);
                    } catch (Throwable t) {
                        throw StepFailure.onItem(InspectEpochStep.this, item, t);
                    }
                    out.emit(item);
                }
            }
        };
    }
}
