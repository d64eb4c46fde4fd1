package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.StableHash;
import dev.rivulet.fn.TimestampFn;
import dev.rivulet.io.DynamicSource;
import dev.rivulet.io.PartitionedSource;
import dev.rivulet.window.WindowClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Before a watermark-clock window's exchange, on the same subtask as the inputs that feed it
 * (forward connections): the native engine's partition watermarks. Each item's partition comes
 * from its record timestamp ({@link PartitionTags}); the item gets its event time and its
 * partition's watermark {@code W(p)} just before it ({@link Stamped}); then this subtask emits,
 * as a Flink watermark, the minimum of {@code W(p)} over the partitions that feed it — every
 * partition its readers own (known from {@code listParts()} and the owner rule) and one per
 * worker of a stateful step upstream, the ones not seen yet holding it at the beginning of time.
 * Flink takes the minimum over subtasks, so the window step's watermark is the native one. A
 * partition that has ended keeps its last watermark until the end of input (it only delays
 * closing; results are the same). Upstream watermarks other than the final one are dropped. The
 * largest event time per partition is operator state, so a restored job judges lateness as an
 * uninterrupted one.
 */
public final class WatermarkStamper extends AbstractStreamOperator<Object> implements OneInputStreamOperator<Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final String operator;
    private final TimestampFn<Object> timestamp;
    private final long lateness;
    private final List<PartitionTags.Upstream> upstream;
    private transient HashMap<Long, Long> maxTimes;
    private transient long emitted;
    private transient ListState<HashMap<Long, Long>> saved;

    @SuppressWarnings("unchecked")
    public WatermarkStamper(String stepId, String operator, WindowClock.Watermark<?> clock,
            List<PartitionTags.Upstream> upstream) {
        this.stepId = stepId;
        this.operator = operator;
        this.timestamp = (TimestampFn<Object>) clock.timestamp();
        this.lateness = clock.allowedLateness().toMillis();
        this.upstream = List.copyOf(upstream);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void initializeState(StateInitializationContext context) throws Exception {
        NotebookVariables.restore();
        super.initializeState(context);
        saved = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("rivulet-max-times",
                (org.apache.flink.api.common.typeinfo.TypeInformation) Items.STATE_TYPE));
        maxTimes = new HashMap<>();
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        for (PartitionTags.Upstream up : upstream) {
            if (up.source() instanceof PartitionedSource<?, ?> source) {
                for (String part : source.listParts()) {
                    if (StableHash.workerFor(part, parallelism) == subtask) {
                        maxTimes.put(PartitionTags.of(up.stepId(), part), Long.MIN_VALUE);
                    }
                }
            } else if (up.source() instanceof DynamicSource<?>) {
                maxTimes.put(PartitionTags.of(up.stepId(), "worker-" + subtask), Long.MIN_VALUE);
            } else {
                maxTimes.put(PartitionTags.ofWorker(up.stepId(), subtask), Long.MIN_VALUE);
            }
        }
        for (HashMap<Long, Long> restored : saved.get()) {
            restored.forEach((tag, max) -> maxTimes.merge(tag, max, Math::max));
        }
        emitted = Long.MIN_VALUE;
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        saved.update(List.of(new HashMap<>(maxTimes)));
    }

    @Override
    public void processElement(StreamRecord<Object> element) {
        Object item = element.getValue();
        long time;
        try {
            Object value = item instanceof KV<?, ?> kv ? kv.value() : item;
            Instant at = timestamp.timestamp(value);
            if (at == null) {
                throw new IllegalStateException("the timestamp function of the watermark clock returned null;"
                        + " every value needs a time");
            }
            time = at.toEpochMilli();
        } catch (Throwable t) {
            throw StepFailedException.onItem(stepId, operator, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                    getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(), item, t);
        }
        long tag = element.hasTimestamp() ? element.getTimestamp() : 0L;
        Long max = maxTimes.get(tag);
        long before = max == null ? Long.MIN_VALUE : max;
        output.collect(element.replace(new Stamped(item, time, watermarkOf(before))));
        if (time > before) {
            maxTimes.put(tag, time);
            long now = Long.MAX_VALUE;
            for (long m : maxTimes.values()) {
                now = Math.min(now, watermarkOf(m));
            }
            if (now > emitted) {
                emitted = now;
                output.emitWatermark(new Watermark(now));
            }
        }
    }

    private long watermarkOf(long maxTime) {
        return maxTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxTime - lateness;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            super.processWatermark(mark);
        }
    }

    /** For tests and messages: the partitions this subtask waits for. */
    Map<Long, Long> partitions() {
        return maxTimes;
    }
}
