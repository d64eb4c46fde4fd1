package dev.rivulet.recovery.internals;

import dev.rivulet.engine.WorkerRecovery;
import dev.rivulet.recovery.RecoveryDirectoryException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One worker's recovery: snapshots are encoded when taken (the state objects are live and keep
 * changing) and buffered; {@link #commit} writes them, the worker's progress and the garbage
 * collection of superseded rows in one transaction in the worker's own file.
 *
 * <p>In a rescaling run the worker's file is new: what {@link #load} finds for the keys and
 * partitions this worker now owns (read from every file of the old generation) is written into
 * it as well, with the first execution record, in the first commit — so the new file holds its
 * whole share exactly when it records having begun, which is what makes a generation complete.
 */
final class SqliteWorkerRecovery implements WorkerRecovery {
    private final SqliteStore store;
    private final WorkerFile file;
    private final long execution;
    private final SnapshotCodec codec = new SnapshotCodec();
    private final List<WorkerFile.Row> pending = new ArrayList<>();
    /** Keys written since they were last compacted, with the newest epoch written. */
    private final Map<GcKey, Long> uncollected = new HashMap<>();
    private long committedFrontier;
    private final long resumeEpoch;
    /** When rescaling: the new worker count, and whether the first commit (with the start) is still to come. */
    private final int rescaledWorkers;
    private boolean startPending;

    private record GcKey(String stepId, ByteBuffer key) {
    }

    SqliteWorkerRecovery(SqliteStore store, WorkerFile file, long execution, long resumeEpoch, int rescaledWorkers) {
        this.store = store;
        this.file = file;
        this.execution = execution;
        this.committedFrontier = resumeEpoch;
        this.resumeEpoch = resumeEpoch;
        this.rescaledWorkers = rescaledWorkers;
        this.startPending = rescaledWorkers > 0;
    }

    @Override
    public Map<Object, Object> load(String stepId, Predicate<Object> owned) {
        Map<Object, Object> state = new HashMap<>();
        for (byte[][] row : store.loadLatest(stepId)) {
            Object key = codec.decode(row[0]);
            if (row[1] != null && owned.test(key)) {
                state.put(key, codec.decode(row[1]));
                if (startPending) {
                    pending.add(new WorkerFile.Row(stepId, row[0], WorkerFile.epochOf(row), row[1]));
                }
            }
        }
        return state;
    }

    @Override
    public void snapshot(String stepId, Object key, long epoch, Object state) {
        byte[] keyBytes = codec.encode(key);
        byte[] snapshot;
        try {
            snapshot = codec.encode(state);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot serialize the state of key " + key + " of step '" + stepId
                    + "' (" + (state == null ? "null" : state.getClass().getName()) + ") for recovery: " + e.getMessage(), e);
        }
        pending.add(new WorkerFile.Row(stepId, keyBytes, epoch, snapshot));
        uncollected.merge(new GcKey(stepId, ByteBuffer.wrap(keyBytes)), epoch, Math::max);
    }

    @Override
    public void commit(long frontier, long lastEpoch, long clusterFrontier) {
        // Rows below the bound can only be superseded: every worker has durably passed it.
        long bound = Math.min(clusterFrontier, frontier);
        List<Object[]> collect = new ArrayList<>();
        if (bound > committedFrontier || frontier == Long.MAX_VALUE) {
            for (Iterator<Map.Entry<GcKey, Long>> it = uncollected.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<GcKey, Long> entry = it.next();
                collect.add(new Object[] {entry.getKey().stepId(), entry.getKey().key().array()});
                if (entry.getValue() < bound) {
                    it.remove();
                }
            }
        }
        try {
            WorkerFile.Start start = startPending ? new WorkerFile.Start(execution, rescaledWorkers, resumeEpoch) : null;
            file.commit(pending, execution, frontier, lastEpoch, clusterFrontier, collect, bound, start);
        } catch (SQLException e) {
            throw new RecoveryDirectoryException("cannot write recovery state to `" + file.path + "`: "
                    + e.getMessage(), e);
        }
        pending.clear();
        startPending = false;
        committedFrontier = Math.max(committedFrontier, bound);
        if (rescaledWorkers > 0 && clusterFrontier > resumeEpoch) {
            store.retireSource(); // every new worker has committed its share
        }
    }
}
