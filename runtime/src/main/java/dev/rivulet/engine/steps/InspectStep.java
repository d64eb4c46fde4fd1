package dev.rivulet.engine.steps;

import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.fn.InspectEpochFn;
import dev.rivulet.fn.InspectFn;
import java.util.List;

/**
 * {@code inspect} and {@code inspectEpoch}: call a function for its side effect and pass every
 * item on unchanged.
 */
public final class InspectStep extends Step {
    private final InspectFn<Object> inspector;
    private final InspectEpochFn<Object> epochInspector;

    @SuppressWarnings("unchecked")
    public InspectStep(String stepId, StreamRef input, InspectFn<?> inspector) {
        super(stepId, List.of(input));
        this.inspector = (InspectFn<Object>) inspector;
        this.epochInspector = null;
    }

    @SuppressWarnings("unchecked")
    public InspectStep(String stepId, StreamRef input, InspectEpochFn<?> inspector) {
        super(stepId, List.of(input));
        this.inspector = null;
        this.epochInspector = (InspectEpochFn<Object>) inspector;
    }

    @Override
    public String operator() {
        return inspector != null ? "inspect" : "inspectEpoch";
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new Operator() {
            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                Object[] items = batch.items;
                for (int i = 0; i < batch.size; i++) {
                    Object item = items[i];
                    try {
                        if (inspector != null) {
                            inspector.accept(item);
                        } else {
                            epochInspector.accept(batch.epoch, item);
                        }
                    } catch (Throwable t) {
                        throw StepFailure.onItem(InspectStep.this, item, t);
                    }
                    out.emit(item);
                }
            }
        };
    }
}
