package dev.rivulet.recovery.internals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One worker's SQLite file: the schema, and the few statements recovery needs. Tables:
 *
 * <pre>
 * flow      (name, fingerprint, stateful_steps, worker_count, worker_index, run_id)   -- one row
 * execution (execution, worker_index, worker_count, resume_epoch, started_at)
 * progress  (execution, worker_index, frontier, last_epoch, cluster_frontier)       -- upserted
 * state     (step_id, state_key BLOB, epoch, snapshot BLOB)                   -- NULL = discarded
 * </pre>
 *
 * ({@link WorkerFileSchema} creates them.) {@code run_id} and {@code cluster_frontier} were added
 * later: files without them are migrated by {@link #migrate()} when a run begins, never while
 * they are only being checked.
 *
 * <p>A connection is used by one thread at a time (the store synchronises start-up reads; at run
 * time only the owning worker writes).
 */
final class WorkerFile implements AutoCloseable {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The flow record of a file. */
    record FlowRecord(String name, String fingerprint, List<String> statefulSteps, int workerCount) {
    }

    /** The latest progress of a file's worker. */
    record Progress(long execution, long frontier, long lastEpoch) {
    }

    /** The first execution of a new file of a rescaling run, recorded by its first commit. */
    record Start(long execution, int workerCount, long resumeEpoch) {
    }

    /** A snapshot row to write. */
    record Row(String stepId, byte[] key, long epoch, byte[] snapshot) {
    }

    final Path path;
    final int workerIndex;
    private final Connection connection;

    private WorkerFile(Path path, int workerIndex, Connection connection) {
        this.path = path;
        this.workerIndex = workerIndex;
        this.connection = connection;
    }

    /** Checks, without writing anything, that an existing file is a readable SQLite database. */
    static void checkHeader(Path path) throws IOException {
        byte[] header = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(header, 0, header.length);
        }
        if (read == 0) {
            return; // an empty file: SQLite treats it as a new database
        }
        if (read < header.length || !Arrays.equals(header, SQLITE_HEADER)) {
            throw new IOException("it is not an SQLite database");
        }
    }

    static WorkerFile open(Path path, int workerIndex) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            statement.execute("PRAGMA journal_mode = WAL");
            // FULL: the write-ahead log is synced at every epoch commit, so no commit that another
            // worker has learned of can be lost on a power failure (see docs/recovery.md).
            statement.execute("PRAGMA synchronous = FULL");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new WorkerFile(path, workerIndex, connection);
    }

    /**
     * Opens an existing file for reading only, writing nothing next to it: with
     * {@code immutable=1} (no locks, no {@code -shm} or {@code -wal} created) when it has no
     * write-ahead log with content; otherwise a copy of the file and its log in {@code scratch}
     * is opened, so the log's commits are seen without folding it into the original.
     */
    static WorkerFile openReadOnly(Path path, int workerIndex, Path scratch) throws SQLException, IOException {
        Path wal = Path.of(path + "-wal");
        if (Files.exists(wal) && Files.size(wal) > 0) {
            Path copy = scratch.resolve(path.getFileName());
            Files.copy(path, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(wal, Path.of(copy + "-wal"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new WorkerFile(path, workerIndex, DriverManager.getConnection("jdbc:sqlite:" + copy));
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        String uri = "jdbc:sqlite:" + path.toUri().toString().replaceFirst("^file://", "file:") + "?mode=ro&immutable=1";
        return new WorkerFile(path, workerIndex, DriverManager.getConnection(uri, config.toProperties()));
    }

    /** Records the run id in a file that has none (written before run ids). */
    void adoptRunId(String runId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE flow SET run_id = ? WHERE run_id IS NULL")) {
            update.setString(1, runId);
            update.executeUpdate();
        }
    }

    /** What a checked file holds (its schema is Rivulet's). */
    WorkerFinding finding(long bytes) throws SQLException {
        FlowRecord flow = readFlow();
        String runId = null;
        if (WorkerFileSchema.hasColumn(connection, "flow", "run_id")) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT run_id FROM flow")) {
                runId = rows.next() ? rows.getString(1) : null;
            }
        }
        Progress progress = latestProgress();
        long seenExecution = -1;
        long seenFrontier = -1;
        if (WorkerFileSchema.hasColumn(connection, "progress", "cluster_frontier")) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT p.execution, p.cluster_frontier FROM progress p JOIN execution e"
                                    + " ON e.execution = p.execution AND e.worker_index = p.worker_index"
                                    + " WHERE p.cluster_frontier > e.resume_epoch ORDER BY p.execution DESC LIMIT 1")) {
                if (rows.next()) {
                    seenExecution = rows.getLong(1);
                    seenFrontier = rows.getLong(2);
                }
            }
        }
        return new WorkerFinding(workerIndex, path.toString(), true, runId, flow.name(), flow.fingerprint(),
                flow.statefulSteps(), flow.workerCount(), progress == null ? -1 : progress.execution(),
                progress == null ? 0 : progress.frontier(), progress == null ? -1 : progress.lastEpoch(),
                seenExecution, seenFrontier, stateRows(), bytes);
    }

    /** One execution as a file records it, for {@code rivulet recovery inspect}. */
    record ExecutionRow(long execution, long resumeEpoch, String startedAt, long frontier) {
    }

    /** Every execution this file's worker took part in, oldest first. */
    List<ExecutionRow> executions() throws SQLException {
        List<ExecutionRow> result = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT e.execution, e.resume_epoch, e.started_at, coalesce(p.frontier, e.resume_epoch)"
                                + " FROM execution e LEFT JOIN progress p"
                                + " ON p.execution = e.execution AND p.worker_index = e.worker_index"
                                + " ORDER BY e.execution")) {
            while (rows.next()) {
                result.add(new ExecutionRow(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getLong(4)));
            }
        }
        return result;
    }

    /** SQLite's own consistency check of an existing file. */
    String quickCheck() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
            return rows.next() ? rows.getString(1) : "no answer";
        }
    }

    boolean isEmpty() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return rows.next() && rows.getInt(1) == 0;
        }
    }

    /** Adds the columns of later versions to a file written before them ({@link WorkerFileSchema#migrate}). */
    void migrate() throws SQLException {
        WorkerFileSchema.migrate(connection);
    }

    /** Whether the file has Rivulet's four tables. */
    boolean hasSchema() throws SQLException {
        return WorkerFileSchema.isPresent(connection);
    }

    /** Creates the tables of a new file and its flow record, in one transaction. */
    void createSchema(FlowIdentity identity, int workerCount, String runId) throws SQLException {
        WorkerFileSchema.create(connection, identity, workerCount, workerIndex, runId);
    }

    FlowRecord readFlow() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT name, fingerprint, stateful_steps, worker_count FROM flow")) {
            if (!rows.next()) {
                return null;
            }
            return new FlowRecord(rows.getString(1), rows.getString(2),
                    FlowIdentity.parseSteps(rows.getString(3)), rows.getInt(4));
        }
    }

    /** The progress of the latest execution, or {@code null} when there was none. */
    Progress latestProgress() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT e.execution, coalesce(p.frontier, e.resume_epoch), coalesce(p.last_epoch, e.resume_epoch - 1)"
                                + " FROM execution e LEFT JOIN progress p"
                                + " ON p.execution = e.execution AND p.worker_index = e.worker_index"
                                + " ORDER BY e.execution DESC LIMIT 1")) {
            return rows.next() ? new Progress(rows.getLong(1), rows.getLong(2), rows.getLong(3)) : null;
        }
    }

    /**
     * Records the start of {@code execution} (the number the cluster agreed on) and drops the
     * snapshot rows at {@code resumeEpoch} and later: a worker that stored such an epoch before
     * the previous run died (the cluster had not completed it) left rows this run redoes. Kept,
     * a row the new run does not overwrite (a key it does not touch in that epoch) would be
     * found by a later resume and mix the dead run's state with this run's, so a restored count
     * would not match the restored offsets, or a sink would commit a dead run's output again.
     */
    void begin(long execution, int workerCount, long resumeEpoch) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement drop = connection.prepareStatement("DELETE FROM state WHERE epoch >= ?")) {
                drop.setLong(1, resumeEpoch);
                drop.executeUpdate();
            }
            recordStart(execution, workerCount, resumeEpoch);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void recordStart(long execution, int workerCount, long resumeEpoch) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO execution (execution, worker_index, worker_count, resume_epoch, started_at)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, execution);
            insert.setInt(2, workerIndex);
            insert.setInt(3, workerCount);
            insert.setLong(4, resumeEpoch);
            insert.setString(5, java.time.Instant.now().toString());
            insert.executeUpdate();
        }
        upsertProgress(execution, resumeEpoch, resumeEpoch - 1, resumeEpoch);
    }

    /**
     * Every key of {@code stepId} with its newest snapshot before {@code beforeEpoch} (discards
     * included): {@code {key, snapshot, epoch as 8 bytes}} (see {@link #epochOf}).
     */
    List<byte[][]> loadLatest(String stepId, long beforeEpoch) throws SQLException {
        List<byte[][]> result = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT s.state_key, s.snapshot, s.epoch FROM state s WHERE s.step_id = ? AND s.epoch = ("
                        + " SELECT max(t.epoch) FROM state t WHERE t.step_id = s.step_id"
                        + " AND t.state_key = s.state_key AND t.epoch < ?)")) {
            query.setString(1, stepId);
            query.setLong(2, beforeEpoch);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.add(new byte[][] {rows.getBytes(1), rows.getBytes(2),
                            java.nio.ByteBuffer.allocate(8).putLong(rows.getLong(3)).array()});
                }
            }
        }
        return result;
    }

    /** The epoch of a row returned by {@link #loadLatest}. */
    static long epochOf(byte[][] row) {
        return java.nio.ByteBuffer.wrap(row[2]).getLong();
    }

    /**
     * Writes one commit atomically: the snapshot rows, the worker's progress, and the garbage
     * collection of {@code gcKeys} (step id, key) below {@code collectBelow}; with {@code start}
     * (the first commit of a rescaled file), the execution's start record too.
     */
    void commit(List<Row> rows, long execution, long frontier, long lastEpoch, long clusterFrontier,
            List<Object[]> gcKeys, long collectBelow, Start start) throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (start != null) {
                recordStart(start.execution(), start.workerCount(), start.resumeEpoch());
            }
            if (!rows.isEmpty()) {
                try (PreparedStatement upsert = connection.prepareStatement(
                        "INSERT OR REPLACE INTO state (step_id, state_key, epoch, snapshot) VALUES (?, ?, ?, ?)")) {
                    for (Row row : rows) {
                        upsert.setString(1, row.stepId());
                        upsert.setBytes(2, row.key());
                        upsert.setLong(3, row.epoch());
                        upsert.setBytes(4, row.snapshot());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
            if (!gcKeys.isEmpty()) {
                // Keep, per key, the newest snapshot below the bound unless it is a discard;
                // everything at or above the bound may still be needed by a resume.
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM state WHERE step_id = ?1 AND state_key = ?2 AND epoch < ?3 AND"
                                + " (snapshot IS NULL OR epoch < (SELECT max(t.epoch) FROM state t"
                                + " WHERE t.step_id = ?1 AND t.state_key = ?2 AND t.epoch < ?3))")) {
                    for (Object[] key : gcKeys) {
                        delete.setString(1, (String) key[0]);
                        delete.setBytes(2, (byte[]) key[1]);
                        delete.setLong(3, collectBelow);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            upsertProgress(execution, frontier, lastEpoch, clusterFrontier);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void upsertProgress(long execution, long frontier, long lastEpoch, long clusterFrontier)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO progress (execution, worker_index, frontier, last_epoch, cluster_frontier)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (execution, worker_index) DO UPDATE SET"
                        + " frontier = excluded.frontier, last_epoch = excluded.last_epoch,"
                        + " cluster_frontier = max(cluster_frontier, excluded.cluster_frontier)")) {
            upsert.setLong(1, execution);
            upsert.setInt(2, workerIndex);
            upsert.setLong(3, frontier);
            upsert.setLong(4, lastEpoch);
            upsert.setLong(5, clusterFrontier);
            upsert.executeUpdate();
        }
    }

    /** Rows in the state table (for tests and the size checks of long runs). */
    long stateRows() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM state")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
