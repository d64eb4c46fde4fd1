package dev.rivulet;

import java.io.Serializable;
import java.util.Objects;

/**
 * How to run a flow: epochs, recovery, where captured items go, and batch size. Immutable; each
 * {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * RunOptions options = RunOptions.defaults()
 *         .epochs(EpochConfig.periodic(Duration.ofSeconds(1)))
 *         .onCapture((step, worker, epoch, items) -> System.out.println(items));
 * }</pre>
 */
public final class RunOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EpochConfig epochs;
    private final RecoveryConfig recovery;
    private final transient CaptureListener captureListener;
    private final transient RunProgress progress;
    private final int batchSize;

    private RunOptions(EpochConfig epochs, RecoveryConfig recovery, CaptureListener listener,
            RunProgress progress, int batchSize) {
        this.epochs = epochs;
        this.recovery = recovery;
        this.captureListener = listener;
        this.progress = progress;
        this.batchSize = batchSize;
    }

    /** Periodic 10-second epochs, no recovery, batches of 1024 items. */
    public static RunOptions defaults() {
        return new RunOptions(EpochConfig.defaults(), RecoveryConfig.none(), CaptureListener.NONE, null, 1024);
    }

    public RunOptions epochs(EpochConfig epochs) {
        return new RunOptions(Objects.requireNonNull(epochs, "epochs"), recovery, captureListener, progress,
                batchSize);
    }

    public RunOptions recovery(RecoveryConfig recovery) {
        return new RunOptions(epochs, Objects.requireNonNull(recovery, "recovery"), captureListener, progress,
                batchSize);
    }

    /** Also sends captured items to {@code listener} as they are produced. */
    public RunOptions onCapture(CaptureListener listener) {
        return new RunOptions(epochs, recovery, Objects.requireNonNull(listener, "listener"), progress, batchSize);
    }

    /**
     * Keeps {@code progress} current while the run goes on (items read, per-step counts, how far
     * the inputs are, worker JVMs starting): read it with {@link RunProgress#snapshot()} from any
     * thread. One {@code RunProgress} per run.
     *
     * <pre>{@code
     * RunProgress progress = new RunProgress();
     * RunOptions options = RunOptions.defaults().progress(progress);
     * }</pre>
     */
    public RunOptions progress(RunProgress progress) {
        return new RunOptions(epochs, recovery, captureListener, Objects.requireNonNull(progress, "progress"),
                batchSize);
    }

    /** The most items an input reads, or an exchange buffers, at a time (default 1024). */
    public RunOptions batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        return new RunOptions(epochs, recovery, captureListener, progress, batchSize);
    }

    /** The progress view given with {@link #progress(RunProgress)}, or {@code null}. */
    public RunProgress progress() {
        return progress;
    }

    public EpochConfig epochs() {
        return epochs;
    }

    public RecoveryConfig recovery() {
        return recovery;
    }

    public CaptureListener captureListener() {
        return captureListener == null ? CaptureListener.NONE : captureListener;
    }

    public int batchSize() {
        return batchSize;
    }
}
