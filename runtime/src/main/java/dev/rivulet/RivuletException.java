package dev.rivulet;

/**
 * A run failed. The message names the step, its operator, the worker and the item being
 * processed (shortened); {@link #getCause()} is the original exception thrown by user code or a
 * connector.
 *
 * <pre>
 * step 'parse' (map) failed on worker 1 of 4 while processing item "x,,3": NumberFormatException: For input string: ""
 * </pre>
 */
public class RivuletException extends RuntimeException {
    private final String stepId;
    private final String operator;
    private final int workerIndex;
    private final String item;
    private transient RunResult partialResult;

    public RivuletException(String message, Throwable cause, String stepId, String operator,
            int workerIndex, String item) {
        super(message, cause);
        this.stepId = stepId;
        this.operator = operator;
        this.workerIndex = workerIndex;
        this.item = item;
    }

    public RivuletException(String message) {
        this(message, null, null, null, -1, null);
    }

    public RivuletException(String message, Throwable cause) {
        this(message, cause, null, null, -1, null);
    }

    /** The step that failed, or {@code null} when the failure was not in a step. */
    public String stepId() {
        return stepId;
    }

    /** The failing step's operator ({@code map}, {@code reduce}, …), or {@code null}. */
    public String operator() {
        return operator;
    }

    /** The worker on which it failed, or -1. */
    public int workerIndex() {
        return workerIndex;
    }

    /**
     * What the failed run had produced up to the failure: the items captured so far (in
     * {@link RunResult#captured}) and the step statistics. {@code null} when the run never
     * started (a flow that does not validate, workers that could not start).
     *
     * <pre>{@code
     * try {
     *     Rivulet.runMain(flow);
     * } catch (RivuletException e) {
     *     List<Object> before = e.partialResult().captured("out");
     * }
     * }</pre>
     */
    public RunResult partialResult() {
        return partialResult;
    }

    /** Attaches the failed run's result so far (done by the runners; the first one wins). */
    public RivuletException withPartialResult(RunResult result) {
        if (partialResult == null) {
            partialResult = result;
        }
        return this;
    }

    /** The offending item, shortened, or {@code null} when no single item was involved. */
    public String item() {
        return item;
    }
}
