package dev.rivulet.engine;

/**
 * The runtime half of a step on one worker: a small processor contract driven by its
 * {@link Vertex}, always on the worker's own thread.
 *
 * <p>Call order: {@link #open} once; then any interleaving of {@link #onBatch},
 * {@link #onWake} and {@link #onEpochClose} (epochs close in increasing order, and a batch is
 * only ever of the current open epoch); at the end of input {@link #onEof} once, followed by
 * {@link #onEpochClose} of the last epoch; {@link #onEpochsCompleted} whenever the cluster completed
 * more epochs; finally {@link #close} once, also after a failure.
 */
public abstract class Operator {

    /** Called once before anything else; load resume state here. */
    public void open(OperatorContext context) throws Exception {
    }

    /** Items that arrived on input {@code input}, all of the current open epoch. */
    public abstract void onBatch(int input, Batch batch, Outputs out) throws Exception;

    /**
     * No more items of {@code epoch} will arrive. Called after the last batch of the epoch and
     * before the frontier moves downstream: snapshot state here; emitted items still belong to
     * {@code epoch}.
     */
    public void onEpochClose(long epoch, Outputs out) throws Exception {
    }

    /** All inputs are exhausted. Emitted items belong to the last epoch, which closes next. */
    public void onEof(Outputs out) throws Exception {
    }

    /**
     * The event-time watermark of the step's input moved forward to {@code watermark} (only for
     * steps with a data-driven window clock): the minimum over every sender of the step's input
     * of what it last reported, leaving out idle senders. Called between batches, on the worker
     * thread; emitted items belong to the open epoch.
     */
    public void onWatermark(long watermark, Outputs out) throws Exception {
    }

    /**
     * Whether the items this operator emits while handling a batch all come from that batch's
     * input partition ({@link Batch#source}), so the partition can be known further down.
     */
    public boolean keepsSource() {
        return false;
    }

    /** The earliest wall-clock time (epoch millis) at which {@link #onWake} should run. */
    public long nextWakeMillis() {
        return Long.MAX_VALUE;
    }

    /** Called on the worker thread once {@link #nextWakeMillis()} has passed. */
    public void onWake(long nowMillis, Outputs out) throws Exception {
    }

    /**
     * For a progress display: this worker's state as it is now, up to {@code rows} keys, or
     * {@code null} (the default) for a step with nothing to show. Called on the worker's thread
     * between two other calls, a few times a second, only when someone watches this step (see
     * {@link dev.rivulet.RunProgress#watchState}).
     */
    public StateView stateSoFar(int rows) {
        return null;
    }

    /**
     * Every epoch below {@code clusterFrontier} is complete on every worker of the cluster and,
     * with recovery, stored by each: a resume never goes back before it. Called on the worker
     * thread whenever the cluster's frontier moved (after this worker committed its own
     * snapshots), at least once after the last epoch closed unless the run fails or is stopped.
     */
    public void onEpochsCompleted(long clusterFrontier) throws Exception {
    }

    /**
     * Whether this operator still waits for {@link #onEpochsCompleted} to cover an epoch it
     * snapshotted; a worker whose input is done keeps running until none does.
     */
    public boolean awaitsCompletion() {
        return false;
    }

    /** Releases resources. Called once, also after a failure; must not throw for double close. */
    public void close() throws Exception {
    }
}
