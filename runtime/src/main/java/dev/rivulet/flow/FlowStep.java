package dev.rivulet.flow;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One step of a flow, as described by the API: its id, the streams it reads and what it does.
 * It holds the user's functions and configuration but no runtime: each runner (the native
 * engine, the Flink runner) translates the steps of a flow into its own operators before the run.
 *
 * <pre>{@code
 * for (FlowStep step : flow.steps()) {
 *     System.out.println(step.stepId() + ": " + step.operator() + " reads " + step.inputs());
 * }
 * }</pre>
 *
 * @param stepId the step's id, unique within its flow
 * @param inputs the streams it reads, in order (none for an input step)
 * @param operation what the step does, with the user's functions
 */
public record FlowStep(String stepId, List<StreamRef> inputs, Operation operation) implements Serializable {

    public FlowStep {
        Objects.requireNonNull(operation, "operation");
        inputs = List.copyOf(inputs);
    }

    /** The operator's name as users know it ({@code map}, {@code reduce}, …). */
    public String operator() {
        return operation.operator();
    }

    /** How many output streams this step has (2 for {@code branch} and the window operators). */
    public int outputPorts() {
        return operation.outputPorts();
    }

    /** Whether this step writes items out of the flow (an output or a capture). */
    public boolean isOutput() {
        return operation.isOutput();
    }

    /** Whether this step keeps state or positions that recovery snapshots. */
    public boolean isStateful() {
        return operation.isStateful();
    }
}
