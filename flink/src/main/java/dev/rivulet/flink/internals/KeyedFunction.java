package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.util.Collector;

/**
 * Base of the keyed steps on Flink: one {@link ValueState} per key holding what the native
 * engine snapshots for the key (an accumulator, a state, a key's windows), so Flink's
 * checkpoints are Rivulet's snapshots. The end of input reaches a key as an event-time timer at
 * {@link Long#MAX_VALUE}, which fires when the sources finish and Flink's final watermark passes.
 *
 * <p>Lifecycle (Flink's): {@link #open} once per subtask, then {@code processElement} per item
 * and {@code onTimer} per due timer, on the task thread.
 */
public abstract class KeyedFunction extends KeyedProcessFunction<RoutingKey, Object, Object> {
    private static final long serialVersionUID = 1L;

    protected final String stepId;
    protected final String operator;
    protected transient ValueState<Object> state;
    protected transient StepCounters counters;
    /** This worker's watermark partition (see {@link PartitionTags}). */
    private transient long tag;

    protected KeyedFunction(String stepId, String operator) {
        this.stepId = stepId;
        this.operator = operator;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        NotebookVariables.restore();
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("rivulet-state", Items.STATE_TYPE));
        counters = StepCounters.of(getRuntimeContext(), stepId);
        tag = PartitionTags.ofWorker(stepId, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
    }

    /** Emits {@code KV(key, value)} on the main output. */
    protected final void emit(KeyedProcessFunction<RoutingKey, Object, Object>.Context ctx, Collector<Object> out, Object value) {
        counters.out.add(1);
        if (out instanceof TimestampedCollector<Object> timestamped) {
            timestamped.setAbsoluteTimestamp(tag);
        }
        out.collect(new KV<>(ctx.getCurrentKey().key(), value));
    }

    protected final RuntimeException failure(Object item, Throwable t) {
        return StepFailedException.onItem(stepId, operator, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(), item, t);
    }

    protected static void atEndOfInput(Context ctx) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }
}
