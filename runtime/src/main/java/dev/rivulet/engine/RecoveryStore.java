package dev.rivulet.engine;

/**
 * The seam recovery plugs into: where snapshots are loaded from and written to. One per process
 * and run; {@link NoRecovery} when recovery is off.
 *
 * <p>Call order: {@link #resumePoint()} once before any worker starts; then {@link #begin} once
 * with the epoch the whole cluster agreed on ({@link ResumePoint#combine} over every process's
 * resume point, then {@link ResumePoint#epoch()}); then {@link #worker} once per local worker;
 * {@link #close()} once after every local worker has stopped.
 */
public interface RecoveryStore extends AutoCloseable {

    /** What this process's workers recorded about the previous execution. */
    ResumePoint resumePoint();

    /**
     * Starts a new execution at {@code resumeEpoch} (recorded, so later resumes can check the
     * history). State loaded by {@link WorkerRecovery#load} is the latest before this epoch.
     */
    void begin(long resumeEpoch);

    /** The store of one local worker. */
    WorkerRecovery worker(int workerIndex);

    @Override
    default void close() {
    }
}
