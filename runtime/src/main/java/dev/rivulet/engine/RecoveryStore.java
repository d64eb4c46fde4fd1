package dev.rivulet.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The seam recovery plugs into: where snapshots are loaded from and written to. One per process
 * and run; {@link NoRecovery} when recovery is off.
 *
 * <p>Call order: opening the store (made by {@code RecoveryConfig.open}) only reads and changes
 * no byte; {@link #report()} once before any worker starts, sent to every process of the
 * cluster; {@link #agree} once with every process's report (the same list on every process, so
 * every process reaches the same verdict: the resume point or the refusal); then {@link #begin}
 * once with the agreed epoch — only here may the store create or migrate files; then
 * {@link #worker} once per local worker; {@link #close()} once after every local worker has
 * stopped (also after a refusal).
 */
public interface RecoveryStore extends AutoCloseable {

    /** What this process's workers recorded about the previous execution. */
    ResumePoint resumePoint();

    /**
     * What this store found, read without changing anything, encoded for the other processes
     * (by default: its {@link #resumePoint()}).
     */
    default byte[] report() {
        ResumePoint point = resumePoint();
        return ByteBuffer.allocate(17).putLong(point.minFrontier()).put((byte) (point.allFinished() ? 1 : 0))
                .putLong(point.maxLastEpoch()).array();
    }

    /**
     * The resume point of the whole cluster from the {@link #report()} of every process (index =
     * process id); throws a {@code RecoveryDirectoryException} to refuse the run. Must be a pure
     * function of {@code reports}: every process calls it and must reach the same verdict.
     */
    default ResumePoint agree(List<byte[]> reports) {
        List<ResumePoint> points = new ArrayList<>();
        for (byte[] report : reports) {
            ByteBuffer in = ByteBuffer.wrap(report);
            points.add(new ResumePoint(in.getLong(), in.get() == 1, in.getLong()));
        }
        return ResumePoint.combine(points);
    }

    /**
     * Starts a new execution at {@code resumeEpoch} (recorded, so later resumes can check the
     * history); the first call that may write. State loaded by {@link WorkerRecovery#load} is
     * the latest before this epoch.
     */
    void begin(long resumeEpoch);

    /** The store of one local worker. */
    WorkerRecovery worker(int workerIndex);

    @Override
    default void close() {
    }
}
