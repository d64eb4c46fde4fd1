package dev.rivulet.engine;

import dev.rivulet.flow.StreamRef;
import java.io.Serializable;
import java.util.List;

/**
 * One step of a flow as the native engine runs it: its id, the streams it reads, and how to build
 * its runtime on a worker. {@link dev.rivulet.engine.steps.StepTranslator} makes them from the
 * flow's description ({@link dev.rivulet.flow.FlowStep}) in each process before a run; the
 * description, not these, is what travels to worker processes.
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

    /**
     * The data-driven watermark clock of this step's input, if it has one (a window step with
     * {@link dev.rivulet.window.WindowClock#watermark}): the engine then stamps the items sent
     * into it with event times and partition watermarks.
     */
    public dev.rivulet.window.WindowClock.Watermark<?> inputWatermark() {
        return null;
    }

    /**
     * Whether every item this step emits comes from the input partition of the item that caused
     * it, one for one (stateless steps, merge, branch): a watermark can then still be tracked per
     * partition after it.
     */
    public boolean keepsPartitions() {
        return false;
    }
}
