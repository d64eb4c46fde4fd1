package dev.rivulet.engine.steps;

import dev.rivulet.engine.Operator;
import dev.rivulet.engine.PassThrough;
import dev.rivulet.engine.Step;
import dev.rivulet.flow.StreamRef;
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
    public boolean keepsPartitions() {
        return true;
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return PassThrough.INSTANCE;
    }
}
