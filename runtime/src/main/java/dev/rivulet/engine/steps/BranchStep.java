package dev.rivulet.engine.steps;

import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.fn.FilterFn;
import java.util.List;

/** {@code branch}: items the predicate accepts go to port 0, the others to port 1. */
public final class BranchStep extends Step {
    private final FilterFn<Object> predicate;

    @SuppressWarnings("unchecked")
    public BranchStep(String stepId, StreamRef input, FilterFn<?> predicate) {
        super(stepId, List.of(input));
        this.predicate = (FilterFn<Object>) predicate;
    }

    @Override
    public String operator() {
        return "branch";
    }

    @Override
    public int outputPorts() {
        return 2;
    }

    @Override
    public boolean keepsPartitions() {
        return true;
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new Operator() {
            @Override
            public boolean keepsSource() {
                return true;
            }

            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                for (int i = 0; i < batch.size; i++) {
                    Object item = batch.item(i);
                    boolean accepted;
                    try {
                        accepted = predicate.test(item);
                    } catch (Throwable t) {
                        throw StepFailure.onItem(BranchStep.this, item, t);
                    }
                    out.emit(accepted ? 0 : 1, item);
                }
            }
        };
    }
}
