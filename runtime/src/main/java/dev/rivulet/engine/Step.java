package dev.rivulet.engine;

import dev.rivulet.flow.StreamRef;
import java.io.Serializable;
import java.util.List;

/**
 * One step of a flow: its id, the streams it reads, and how to build its runtime on a worker.
 * Steps are {@link Serializable} so that a whole flow can be shipped to worker processes.
 */
public abstract class Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final List<StreamRef> inputs;

    protected Step(String stepId, List<StreamRef> inputs) {
        this.stepId = stepId;
        this.inputs = List.copyOf(inputs);
    }

    public final String stepId() {
        return stepId;
    }

    public final List<StreamRef> inputs() {
        return inputs;
    }

    /** The operator's name as users know it ({@code map}, {@code reduce}, …). */
    public abstract String operator();

    /** How many output streams this step has. */
    public int outputPorts() {
        return 1;
    }

    /**
     * How items reach input {@code input}: {@code null} keeps them on the worker that produced
     * them; a router sends each to the worker it names. Called once per worker.
     */
    public Router router(int input, WorkerInfo worker) throws Exception {
        return null;
    }

    /** Builds this step's runtime for one worker. */
    public abstract Operator createOperator(WorkerInfo worker) throws Exception;

    /** Whether this step writes items out of the flow (an output or a capture). */
    public boolean isOutput() {
        return false;
    }

    /** Whether this step keeps state or positions that recovery snapshots. */
    public boolean isStateful() {
        return false;
    }
}
