package dev.rivulet.recovery;

import dev.rivulet.Dataflow;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.engine.RecoveryStore;
import dev.rivulet.recovery.internals.SqliteStore;
import java.nio.file.Path;

/**
 * Recovery in a directory of SQLite files, {@code worker-<index>.sqlite3}, one per worker; see
 * {@link RecoveryConfig#sqlite(Path)}.
 *
 * <p>Each file records which dataflow and worker count it belongs to, the executions that used
 * it, each worker's progress (the epochs it has completed), and the snapshots taken at every
 * epoch close: the state of every key of every stateful step, the position of every input
 * partition and of every partitioned sink. Files use SQLite's write-ahead log with
 * {@code synchronous=FULL}: a committed epoch survives the process being killed and a power
 * loss. Opening only reads; the files of every process are judged together before any is
 * written, and a run that would resume wrongly (a missing or older file, files of another run
 * or flow) is refused with every file left as it was. A run with another worker count rescales:
 * it writes a new generation of files ({@code gen-<n>-<id>/worker-<index>.sqlite3}), each new
 * worker taking over the keys and partitions it now owns, and deletes the old one once every new
 * worker has committed (see docs/recovery.md).
 */
public final class SqliteRecoveryConfig extends RecoveryConfig {
    private static final long serialVersionUID = 1L;

    private final String directory;

    public SqliteRecoveryConfig(Path directory) {
        this.directory = directory.toAbsolutePath().normalize().toString();
    }

    /** The directory holding the worker files. */
    public Path directory() {
        return Path.of(directory);
    }

    @Override
    public RecoveryStore open(Dataflow flow, int workerCount, int firstWorker, int localWorkers) {
        return SqliteStore.open(directory(), flow, workerCount, firstWorker, localWorkers);
    }

    @Override
    public String toString() {
        return "RecoveryConfig.sqlite(" + directory + ")";
    }
}
