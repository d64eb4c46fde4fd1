package dev.rivulet.engine;

import dev.rivulet.KV;
import dev.rivulet.fn.EpochMillisFn;
import dev.rivulet.fn.TimestampFn;
import dev.rivulet.window.WindowClock;
import java.time.Instant;
import java.util.List;

/**
 * The sending half of a data-driven watermark (see {@link WindowClock.Watermark}), on the
 * exchange edge into one window step on one worker: reads each item's event time, stamps it
 * with the watermark of its input partition just before it, and computes the watermark this
 * worker reports to every instance of the step — the minimum over the partitions behind it.
 *
 * <pre>
 *   batch (source = partition tag) ──▶ time(item), mark = W(partition) ──▶ routed with times/marks
 *   each flush / frontier ──▶ min over live, non-idle partitions ──▶ WATERMARK (or IDLE) to all
 * </pre>
 *
 * <p>Partitions read on this worker are known by their {@link PartitionClock}s; items that come
 * through a stateful step (their batch has no partition) count as one more partition. Runs on
 * the worker thread only.
 */
final class WatermarkSender {
    private final String stepId;
    private final String operator;
    private final TimestampFn<Object> timestamp;
    /** The same function when it reads epoch millis directly (no {@code Instant} per item), else null. */
    private final EpochMillisFn<Object> millis;
    private final long lateness;
    private final long idlenessNanos;
    private PartitionClock[] partitions = new PartitionClock[0];
    private long[][] cells = new long[0][];
    private int[] slotOfTag = new int[0];
    /** Whether batches without a partition may come (through a stateful step). */
    private boolean mixed;
    private long mixedMax = Long.MIN_VALUE;
    private long mixedLastNanos = System.nanoTime();
    private long frontier = Long.MIN_VALUE;
    private long sentWatermark = Long.MIN_VALUE;
    private boolean sentIdle;

    @SuppressWarnings("unchecked")
    WatermarkSender(Step step, WindowClock.Watermark<?> clock) {
        this.stepId = step.stepId();
        this.operator = step.operator();
        this.timestamp = (TimestampFn<Object>) clock.timestamp();
        this.millis = timestamp instanceof EpochMillisFn<Object> m ? m : null;
        this.lateness = clock.allowedLateness().toMillis();
        this.idlenessNanos = clock.idleness().toNanos();
    }

    /** The partitions of this worker behind the edge, and whether unpartitioned items may come. */
    void track(List<PartitionClock> clocks, boolean mixed) {
        this.mixed = mixed;
        partitions = clocks.toArray(new PartitionClock[0]);
        cells = new long[partitions.length][];
        int maxTag = -1;
        for (int i = 0; i < partitions.length; i++) {
            cells[i] = partitions[i].maxCell(stepId);
            maxTag = Math.max(maxTag, partitions[i].tag);
        }
        slotOfTag = new int[maxTag + 1];
        java.util.Arrays.fill(slotOfTag, -1);
        for (int i = 0; i < partitions.length; i++) {
            slotOfTag[partitions[i].tag] = i;
        }
    }

    /** The slot of a batch's partition: its cell index, or -1 for unpartitioned items. */
    int slotOf(int source) {
        if (source >= 0 && source < slotOfTag.length && slotOfTag[source] >= 0) {
            return slotOfTag[source];
        }
        if (!mixed) {
            // A tagged batch from a partition this worker does not read cannot come; be safe.
            mixed = true;
        }
        mixedLastNanos = idlenessNanos > 0 ? System.nanoTime() : 0;
        return -1;
    }

    /** The event time of a {@code KV} item, in epoch millis. */
    long time(Object item) {
        KV<?, ?> kv = (KV<?, ?>) item;
        return time(kv.key(), kv.value());
    }

    /** The event time of the item {@code KV(key, value)}, in epoch millis. */
    long time(Object key, Object value) {
        if (millis != null) {
            try {
                return millis.epochMillis(value);
            } catch (Throwable t) {
                throw StepFailure.onItem(stepId, operator, new KV<>(key, value), t);
            }
        }
        Instant instant;
        try {
            instant = timestamp.timestamp(value);
        } catch (Throwable t) {
            throw StepFailure.onItem(stepId, operator, new KV<>(key, value), t);
        }
        if (instant == null) {
            throw StepFailure.onItem(stepId, operator, new KV<>(key, value), new IllegalStateException(
                    "the timestamp function of the watermark clock returned null; every value needs a time"));
        }
        return instant.toEpochMilli();
    }

    /**
     * The newest item time so far of {@code slot}'s partition ({@code -1}: of unpartitioned
     * items). A batch's items take their marks from it in turn and store it back with
     * {@link #newest(int, long)}: one read and one write per batch, not per item.
     */
    long newest(int slot) {
        return slot >= 0 ? cells[slot][0] : mixedMax;
    }

    /** Stores {@code max} as the newest item time of {@code slot} after a batch. */
    void newest(int slot, long max) {
        if (slot >= 0) {
            cells[slot][0] = max;
        } else {
            mixedMax = max;
        }
    }

    /** The partition watermark when the newest item time is {@code max}: an item's mark. */
    long watermarkOf(long max) {
        if (max == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long wm = max - lateness;
        return wm > max ? Long.MIN_VALUE : wm; // saturate
    }

    /** The vertex in front of the edge passed {@code frontier}. */
    void frontier(long frontier) {
        this.frontier = frontier;
    }

    /**
     * Recomputes this worker's watermark; if it changed since last sent, returns the message kind
     * to send ({@link Message#WATERMARK} or {@link Message#IDLE}) and keeps the value for
     * {@link #watermark()}; otherwise returns -1.
     */
    byte update() {
        long now = idlenessNanos > 0 ? System.nanoTime() : 0;
        long min = Long.MAX_VALUE;
        boolean active = false;
        boolean idle = false;
        for (int i = 0; i < partitions.length; i++) {
            PartitionClock p = partitions[i];
            if (p.endedEpoch < frontier) {
                continue;
            }
            if (idlenessNanos > 0 && now - p.lastItemNanos >= idlenessNanos) {
                idle = true;
                continue;
            }
            active = true;
            min = Math.min(min, watermarkOf(cells[i][0]));
        }
        if (mixed && frontier != Vertex.DONE) {
            if (idlenessNanos > 0 && now - mixedLastNanos >= idlenessNanos) {
                idle = true;
            } else {
                active = true;
                min = Math.min(min, watermarkOf(mixedMax));
            }
        }
        boolean nowIdle = !active && idle;
        long value = active || !idle ? min : sentWatermark;
        if (nowIdle == sentIdle && value == sentWatermark) {
            return -1;
        }
        sentIdle = nowIdle;
        sentWatermark = Math.max(sentWatermark, value);
        return nowIdle ? Message.IDLE : Message.WATERMARK;
    }

    long watermark() {
        return sentWatermark;
    }
}
