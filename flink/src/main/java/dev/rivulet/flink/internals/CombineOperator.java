package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.StableHash;
import dev.rivulet.flow.Operation;
import dev.rivulet.fn.KeyFn;
import dev.rivulet.fn.MapFn;
import dev.rivulet.fn.ReduceFn;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * {@code combine} (the first half of {@code countFinal}), chained before the exchange as in the
 * native engine: pre-aggregates per key and emits one {@code KV(key, partial)} per key just
 * before each checkpoint barrier (so partials belong to the epoch of their items and nothing is
 * held in state), at the end of input, and whenever more than {@link #MAX_KEYS} keys are held.
 */
public final class CombineOperator extends AbstractStreamOperator<Object>
        implements OneInputStreamOperator<Object, Object>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    static final int MAX_KEYS = 65_536;

    private final String stepId;
    private final KeyFn<Object, Object> key;
    private final MapFn<Object, Object> value;
    private final ReduceFn<Object> reducer;
    private final boolean counting;
    private transient Map<Object, Object> partials;
    private transient Map<Object, long[]> counts;
    private transient StepCounters counters;
    private transient StreamRecord<Object> reuse;

    @SuppressWarnings("unchecked")
    public CombineOperator(String stepId, Operation.Combine combine) {
        this.stepId = stepId;
        this.key = (KeyFn<Object, Object>) combine.key();
        this.value = (MapFn<Object, Object>) combine.value();
        this.reducer = (ReduceFn<Object>) combine.reducer();
        this.counting = combine.isCounting();
    }

    @Override
    public void open() throws Exception {
        NotebookVariables.restore();
        super.open();
        partials = new HashMap<>();
        counts = new HashMap<>();
        counters = StepCounters.of(getRuntimeContext(), stepId);
        reuse = new StreamRecord<>(null, PartitionTags.ofWorker(stepId,
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()));
    }

    @Override
    public void processElement(StreamRecord<Object> element) {
        Object item = element.getValue();
        counters.in.add(1);
        try {
            Object k = key.apply(item);
            try {
                StableHash.of(k);
            } catch (StableHash.UnroutableKeyException e) {
                throw new IllegalStateException("the key function returned " + e.what() + ", which "
                        + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
            }
            if (counting) {
                counts.computeIfAbsent(k, x -> new long[1])[0]++;
            } else {
                Object v = value.apply(item);
                Object before = partials.get(k);
                partials.put(k, before == null ? v : reducer.apply(before, v));
            }
        } catch (Throwable t) {
            throw StepFailedException.onItem(stepId, "combine", getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                    getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(), item, t);
        }
        if (partials.size() + counts.size() > MAX_KEYS) {
            flush();
        }
    }

    private void flush() {
        for (Map.Entry<Object, long[]> e : counts.entrySet()) {
            counters.out.add(1);
            output.collect(reuse.replace(new KV<>(e.getKey(), e.getValue()[0])));
        }
        for (Map.Entry<Object, Object> e : partials.entrySet()) {
            counters.out.add(1);
            output.collect(reuse.replace(new KV<>(e.getKey(), e.getValue())));
        }
        counts.clear();
        partials.clear();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    /**
     * Flink sends the final watermark down the chain before it ends the operators' input: the
     * partials must reach the keyed step before that watermark fires its end-of-input timers.
     */
    @Override
    public void processWatermark(org.apache.flink.streaming.api.watermark.Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            flush();
        }
        super.processWatermark(mark);
    }
}
