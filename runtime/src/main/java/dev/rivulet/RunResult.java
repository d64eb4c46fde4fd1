package dev.rivulet;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a finished run leaves behind: the items of each {@code capture} step and the statistics
 * of each step.
 *
 * <pre>{@code
 * RunResult result = Rivulet.runMain(flow);
 * List<KV<String, Long>> counts = result.captured("out");
 * long late = result.stats("sums").lateItems();
 * }</pre>
 */
public final class RunResult {
    private final Map<String, List<Object>> captured;
    private final Map<String, StepStatistics> stats;
    private final Duration elapsed;
    private final int workers;

    public RunResult(Map<String, List<Object>> captured, Map<String, StepStatistics> stats,
            Duration elapsed, int workers) {
        this.captured = Collections.unmodifiableMap(captured);
        this.stats = Collections.unmodifiableMap(stats);
        this.elapsed = elapsed;
        this.workers = workers;
    }

    /**
     * The items captured by step {@code stepId}, in arrival order (with several workers, items of
     * different workers interleave).
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> captured(String stepId) {
        List<Object> items = captured.get(stepId);
        if (items == null) {
            throw new IllegalArgumentException("no capture step '" + stepId + "' in this run; "
                    + "capture steps: " + captured.keySet());
        }
        return (List<T>) Collections.unmodifiableList(items);
    }

    /** Every capture step's items, by step id. */
    public Map<String, List<Object>> captured() {
        return captured;
    }

    /** The statistics of step {@code stepId}. */
    public StepStatistics stats(String stepId) {
        StepStatistics s = stats.get(stepId);
        if (s == null) {
            throw new IllegalArgumentException("no step '" + stepId + "' in this run; steps: " + stats.keySet());
        }
        return s;
    }

    public Map<String, StepStatistics> stats() {
        return stats;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public int workers() {
        return workers;
    }

    @Override
    public String toString() {
        return "RunResult(" + workers + " workers, " + elapsed.toMillis() + " ms, captured "
                + captured.keySet() + ")";
    }
}
