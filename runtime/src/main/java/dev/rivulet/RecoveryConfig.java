package dev.rivulet;

import dev.rivulet.engine.NoRecovery;
import dev.rivulet.engine.RecoveryStore;
import java.io.Serializable;

/**
 * Where a run keeps its recovery snapshots. {@link #none()} (the default) keeps nothing: every
 * run starts from the beginning.
 */
public abstract class RecoveryConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final RecoveryConfig NONE = new RecoveryConfig() {
        @Override
        public RecoveryStore open(Dataflow flow, int workerCount, int firstWorker, int localWorkers) {
            return NoRecovery.INSTANCE;
        }

        @Override
        public String toString() {
            return "RecoveryConfig.none()";
        }
    };

    /** No recovery: nothing is persisted. */
    public static RecoveryConfig none() {
        return NONE;
    }

    /**
     * Recovery in SQLite files, one per worker, in {@code directory} (created if missing).
     * Re-running a flow with the same directory resumes after the last epoch every worker
     * completed; after a clean end of input it continues with new input only.
     *
     * <pre>{@code
     * Rivulet.run(flow, 2, RunOptions.defaults().recovery(RecoveryConfig.sqlite(Path.of("state"))));
     * }</pre>
     */
    public static RecoveryConfig sqlite(java.nio.file.Path directory) {
        return new dev.rivulet.recovery.SqliteRecoveryConfig(directory);
    }

    /**
     * Opens the store for one process of a run. Internal: called by the entry points before any
     * worker starts; errors here (a directory of another flow, a missing file) stop the
     * run before any data moves.
     */
    public abstract RecoveryStore open(Dataflow flow, int workerCount, int firstWorker,
            int localWorkers);
}
