package dev.rivulet.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one step, summed over the workers of this process. Written by worker threads,
 * readable from any thread at any time (a progress display samples them while the run goes on).
 * An input step also counts how much of its partitions' known size it has read ({@link
 * #sizeTotal}, {@link #sizeConsumed}) and how many partitions have no known size.
 */
public final class StepStats {
    private final String stepId;
    private final String operator;
    private final LongAdder itemsIn = new LongAdder();
    private final LongAdder itemsOut = new LongAdder();
    private final LongAdder lateItems = new LongAdder();
    private final LongAdder sizeTotal = new LongAdder();
    private final LongAdder sizeConsumed = new LongAdder();
    private final LongAdder unsizedParts = new LongAdder();

    public StepStats(String stepId, String operator) {
        this.stepId = stepId;
        this.operator = operator;
    }

    public String stepId() {
        return stepId;
    }

    public String operator() {
        return operator;
    }

    public void addIn(long n) {
        itemsIn.add(n);
    }

    public void addOut(long n) {
        itemsOut.add(n);
    }

    public void addLate(long n) {
        lateItems.add(n);
    }

    /** An input partition of {@code size} units opened ({@code -1}: size unknown). */
    public void addPartition(long size) {
        if (size < 0) {
            unsizedParts.increment();
        } else {
            sizeTotal.add(size);
        }
    }

    /** The input's partitions read {@code delta} more units of their size. */
    public void addConsumed(long delta) {
        sizeConsumed.add(delta);
    }

    /** The summed known sizes of this input's partitions (0 when none is known). */
    public long sizeTotal() {
        return sizeTotal.sum();
    }

    /** How much of {@link #sizeTotal()} is read. */
    public long sizeConsumed() {
        return sizeConsumed.sum();
    }

    /** How many of this input's partitions have no known size. */
    public long unsizedParts() {
        return unsizedParts.sum();
    }

    public long itemsIn() {
        return itemsIn.sum();
    }

    public long itemsOut() {
        return itemsOut.sum();
    }

    public long lateItems() {
        return lateItems.sum();
    }
}
