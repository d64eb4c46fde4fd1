package dev.rivulet.engine;

import dev.rivulet.flow.StreamRef;
import java.util.List;

/**
 * A step that handles each item on its own: no state, timers, epoch behaviour or resources, one
 * input and one output. The engine runs it as a {@link Stage} fused into the output of the step
 * before it whenever that output feeds only this step on the same worker; otherwise it gets a
 * vertex of its own whose operator passes items to its stage.
 */
public abstract class StatelessStep extends Step {
    private static final long serialVersionUID = 1L;

    protected StatelessStep(String stepId, StreamRef input) {
        super(stepId, List.of(input));
    }

    /**
     * Builds this step's stage for one worker, pushing its results to {@code next}. Called once
     * per worker when the graph opens.
     *
     * @param stats where the stage counts items in, or {@code null} if its vertex counts them
     */
    public abstract Stage stage(ItemSink next, StepStats stats);

    @Override
    public final boolean keepsPartitions() {
        return true;
    }

    /**
     * The operator of a vertex of this step's own: it passes every item on, and the engine puts
     * this step's stage first on the vertex's output.
     */
    @Override
    public final Operator createOperator(WorkerInfo worker) {
        return PassThrough.INSTANCE;
    }
}
