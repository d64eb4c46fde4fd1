package dev.rivulet.engine;

/**
 * The seam recovery plugs into: where snapshots are loaded from and written to. One per process
 * and run; {@link NoRecovery} when recovery is off.
 *
 * <p>Call order: {@link #resumeEpoch()} once before any worker starts; then {@link #worker} once
 * per local worker; {@link #close()} once after every local worker has stopped.
 */
public interface RecoveryStore extends AutoCloseable {

    /** The epoch this execution resumes from: the first epoch not completed by every worker. */
    long resumeEpoch();

    /** The store of one local worker. */
    WorkerRecovery worker(int workerIndex);

    @Override
    default void close() {
    }
}
