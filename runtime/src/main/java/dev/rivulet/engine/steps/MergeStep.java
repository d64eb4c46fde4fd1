package dev.rivulet.engine.steps;

import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import java.util.List;

/** {@code merge}: the items of several streams as one stream, in arrival order. */
public final class MergeStep extends Step {

    public MergeStep(String stepId, List<StreamRef> inputs) {
        super(stepId, inputs);
    }

    @Override
    public String operator() {
        return "merge";
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new Operator() {
            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                for (int i = 0; i < batch.size; i++) {
                    out.emit(batch.items[i]);
                }
            }
        };
    }
}
