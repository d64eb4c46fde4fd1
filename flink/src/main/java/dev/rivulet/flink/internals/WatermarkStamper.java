package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.StableHash;
import dev.rivulet.fn.EpochMillisFn;
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
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

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
 *
 * <p>With idleness, a partition that sent nothing for that long of wall clock leaves the
 * minimum until its next item (a processing-time check runs every quarter of the idleness, so a
 * quiet partition is noticed without items); when every partition of this subtask is idle it
 * marks its output {@link WatermarkStatus#IDLE}, so Flink leaves it out of the window step's
 * minimum, as the native engine's idle message does, and the watermark stays put while every
 * subtask is idle.
 */
public final class WatermarkStamper extends AbstractStreamOperator<Object> implements OneInputStreamOperator<Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final String operator;
    private final TimestampFn<Object> timestamp;
    private final long lateness;
    private final List<PartitionTags.Upstream> upstream;
    private final long idlenessMillis;
    private transient HashMap<Long, Long> maxTimes;
    /** Per partition, the wall-clock millis of its last item (only with idleness). */
    private transient HashMap<Long, Long> lastItems;
    private transient boolean idleSent;
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
        this.idlenessMillis = clock.idleness().toMillis() == 0 && !clock.idleness().isZero() ? 1
                : clock.idleness().toMillis();
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
        lastItems = new HashMap<>();
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (idlenessMillis > 0) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            for (Long tag : maxTimes.keySet()) {
                lastItems.put(tag, now);
            }
            scheduleIdlenessCheck(now);
        }
    }

    private void scheduleIdlenessCheck(long now) {
        getProcessingTimeService().registerTimer(now + Math.max(1, idlenessMillis / 4), time -> {
            advance(time);
            scheduleIdlenessCheck(time);
        });
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
            if (timestamp instanceof EpochMillisFn<Object> millis) {
                time = millis.epochMillis(value); // no Instant per item, as in the native engine
            } else {
                Instant at = timestamp.timestamp(value);
                if (at == null) {
                    throw new IllegalStateException("the timestamp function of the watermark clock returned null;"
                            + " every value needs a time");
                }
                time = at.toEpochMilli();
            }
        } catch (Throwable t) {
            throw StepFailedException.onItem(stepId, operator, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                    getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(), item, t);
        }
        long tag = element.hasTimestamp() ? element.getTimestamp() : 0L;
        Long max = maxTimes.get(tag);
        long before = max == null ? Long.MIN_VALUE : max;
        if (idlenessMillis > 0) {
            active();
            lastItems.put(tag, getProcessingTimeService().getCurrentProcessingTime());
        }
        output.collect(element.replace(new Stamped(item, time, watermarkOf(before))));
        if (time > before) {
            maxTimes.put(tag, time);
            if (idlenessMillis > 0) {
                advance(getProcessingTimeService().getCurrentProcessingTime());
                return;
            }
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

    /**
     * With idleness: the minimum over the partitions that are not idle at wall-clock {@code now};
     * the output marked idle when all of them are.
     */
    private void advance(long now) {
        long min = Long.MAX_VALUE;
        boolean active = false;
        boolean idle = false;
        for (var e : maxTimes.entrySet()) {
            Long last = lastItems.get(e.getKey());
            if (last != null && now - last >= idlenessMillis) {
                idle = true;
                continue;
            }
            active = true;
            min = Math.min(min, watermarkOf(e.getValue()));
        }
        if (!active) {
            if (idle && !idleSent) {
                idleSent = true;
                output.emitWatermarkStatus(WatermarkStatus.IDLE);
            }
            return;
        }
        active();
        if (min > emitted) {
            emitted = min;
            output.emitWatermark(new Watermark(min));
        }
    }

    /** Marks the output active again before anything else is sent on it. */
    private void active() {
        if (idleSent) {
            idleSent = false;
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (idlenessMillis == 0) {
            super.processWatermarkStatus(status);
        }
        // with idleness this operator decides its output's status from its own partitions
    }

    private long watermarkOf(long maxTime) {
        return maxTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxTime - lateness;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            active(); // the end of input must reach the window step from every subtask
            super.processWatermark(mark);
        }
    }

    /** For tests and messages: the partitions this subtask waits for. */
    Map<Long, Long> partitions() {
        return maxTimes;
    }
}
