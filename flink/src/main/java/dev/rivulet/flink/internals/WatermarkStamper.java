package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.fn.TimestampFn;
import dev.rivulet.window.WindowClock;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Before a watermark-clock window's exchange, chained to the stateless steps that feed it: one
 * "partition" per subtask (the splits its source reader reads). Each item gets its event time and
 * this partition's watermark before it ({@link Stamped}); after it, the partition's new watermark
 * (largest event time − allowed lateness) goes out as a Flink watermark, so the window step's
 * Flink watermark is the minimum over partitions. Upstream watermarks other than the final one
 * are dropped. The largest event time is operator state, so a restored job judges lateness as an
 * uninterrupted one.
 */
public final class WatermarkStamper extends AbstractStreamOperator<Object> implements OneInputStreamOperator<Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final String operator;
    private final TimestampFn<Object> timestamp;
    private final long lateness;
    private transient long maxTime;
    private transient long emitted;
    private transient ListState<Long> saved;

    @SuppressWarnings("unchecked")
    public WatermarkStamper(String stepId, String operator, WindowClock.Watermark<?> clock) {
        this.stepId = stepId;
        this.operator = operator;
        this.timestamp = (TimestampFn<Object>) clock.timestamp();
        this.lateness = clock.allowedLateness().toMillis();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        saved = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("rivulet-max-time", Types.LONG));
        maxTime = Long.MIN_VALUE;
        emitted = Long.MIN_VALUE;
        for (Long t : saved.get()) {
            maxTime = Math.max(maxTime, t);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        saved.update(List.of(maxTime));
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
        long mark = watermark();
        output.collect(element.replace(new Stamped(item, time, mark)));
        maxTime = Math.max(maxTime, time);
        long now = watermark();
        if (now > emitted) {
            emitted = now;
            output.emitWatermark(new Watermark(now));
        }
    }

    private long watermark() {
        return maxTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxTime - lateness;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            super.processWatermark(mark);
        }
    }
}
