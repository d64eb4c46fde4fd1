package dev.rivulet.flink.internals;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * A step's statistics as Flink accumulators ({@code <step>\u0000in}, {@code out}, {@code late}),
 * summed over subtasks by Flink and read back into the run's {@code StepStatistics}.
 */
public final class StepCounters {
    static final String SEP = "\u0000";

    public final LongCounter in;
    public final LongCounter out;
    public final LongCounter late;

    private StepCounters(RuntimeContext context, String stepId) {
        this.in = context.getLongCounter(stepId + SEP + "in");
        this.out = context.getLongCounter(stepId + SEP + "out");
        this.late = context.getLongCounter(stepId + SEP + "late");
    }

    /** Called from a function's {@code open}. */
    public static StepCounters of(RuntimeContext context, String stepId) {
        return new StepCounters(context, stepId);
    }

    /** The accumulator name's step id and counter ("in", "out", "late"), or {@code null}. */
    public static String[] parse(String accumulator) {
        int at = accumulator.lastIndexOf(SEP);
        return at < 0 ? null : new String[] {accumulator.substring(0, at), accumulator.substring(at + 1)};
    }
}
