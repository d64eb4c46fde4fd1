package dev.rivulet.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * What the senders into data-driven window steps need to know of one input partition read on
 * this worker: whether and when it ended, when it last produced something (for idleness), and,
 * per window step it feeds, the largest event time it has produced so far (kept with the
 * partition's position in its snapshot, so a resumed run judges lateness as an uninterrupted
 * one would). Owned by the input step's operator; read and written on the worker thread only.
 */
public final class PartitionClock {
    /** The tag of this partition's batches ({@link Batch#source}), unique on this worker. */
    int tag = Batch.MIXED;
    /** The epoch of the partition's last items, or MAX_VALUE while it is still producing. */
    long endedEpoch = Long.MAX_VALUE;
    /** {@link System#nanoTime()} of its last items (or of the start). */
    long lastItemNanos;
    private final Map<String, long[]> maxEventTime = new HashMap<>();

    public PartitionClock(long startNanos) {
        this.lastItemNanos = startNanos;
    }

    public int tag() {
        return tag;
    }

    public void tag(int tag) {
        this.tag = tag;
    }

    /** The partition produced items now. */
    public void produced(long nowNanos) {
        lastItemNanos = nowNanos;
    }

    /** The partition produced its last items in {@code epoch}. */
    public void ended(long epoch) {
        endedEpoch = Math.min(endedEpoch, epoch);
    }

    /** The cell holding the largest event time seen for window step {@code stepId}. */
    long[] maxCell(String stepId) {
        return maxEventTime.computeIfAbsent(stepId, id -> new long[] {Long.MIN_VALUE});
    }

    /** Largest event times per window step, for the partition's snapshot; empty if it feeds none. */
    public Map<String, Long> maxima() {
        Map<String, Long> out = new HashMap<>();
        maxEventTime.forEach((step, cell) -> {
            if (cell[0] != Long.MIN_VALUE) {
                out.put(step, cell[0]);
            }
        });
        return out;
    }

    /** Restores what {@link #maxima()} returned. */
    public void restore(Map<String, Long> maxima) {
        maxima.forEach((step, max) -> maxCell(step)[0] = max);
    }
}
