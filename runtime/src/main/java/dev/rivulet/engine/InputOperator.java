package dev.rivulet.engine;

/**
 * The runtime of an input step: instead of receiving batches it is polled by the worker loop and
 * decides when its epoch closes.
 */
public abstract class InputOperator extends Operator {

    /** What a poll did. */
    public enum Poll {
        /** Nothing was read; poll again after a short cool-down. */
        IDLE,
        /** Items were emitted. */
        EMITTED,
        /** The current epoch should close now (items may have been emitted too). */
        CLOSE_EPOCH,
        /** Every partition is exhausted: the input is finished. */
        FINISHED
    }

    /**
     * Reads what is available into {@code out} for the epoch {@code out.epoch()}. Only called when
     * the cluster has completed every earlier epoch and downstream is not congested.
     *
     * @param nowNanos {@link System#nanoTime()} of this loop iteration
     */
    public abstract Poll poll(long nowNanos, Outputs out) throws Exception;

    /** When the current epoch should close by the clock ({@code System.nanoTime()} scale). */
    public abstract long epochDeadlineNanos();

    /**
     * Whether this worker's items should be spread over all workers (it owns fewer partitions than
     * there are workers). Known after {@link #open}.
     */
    public abstract boolean balance();

    /**
     * Asks the input not to spread its items over other workers even if it owns few partitions:
     * it feeds a window step with a data-driven watermark, which must see each partition's items
     * on the worker that reads it. Called before {@link #open}.
     */
    public void keepPartitionsTogether() {
    }

    /**
     * One clock per partition this worker reads, tagged {@code firstTag}, {@code firstTag + 1},
     * …; the input stamps its batches with the tag of the partition they come from. Called once,
     * after {@link #open}.
     */
    public java.util.List<PartitionClock> partitionClocks(int firstTag) {
        return java.util.List.of();
    }

    @Override
    public final void onBatch(int input, Batch batch, Outputs out) {
        throw new IllegalStateException("an input has no upstream");
    }
}
