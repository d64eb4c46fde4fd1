package dev.rivulet.recovery.internals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of a worker file ({@link WorkerFile} lists them): creating them in a new file, and
 * adding the columns of later versions to a file written before them.
 */
final class WorkerFileSchema {

    private WorkerFileSchema() {
    }

    /** Creates the four tables and the flow record of worker {@code workerIndex}, in one transaction. */
    static void create(Connection connection, FlowIdentity identity, int workerCount, int workerIndex, String runId)
            throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE flow (name TEXT NOT NULL, fingerprint TEXT NOT NULL,"
                    + " stateful_steps TEXT NOT NULL, worker_count INTEGER NOT NULL, worker_index INTEGER NOT NULL, run_id TEXT)");
            statement.execute("CREATE TABLE execution (execution INTEGER NOT NULL, worker_index INTEGER NOT NULL,"
                    + " worker_count INTEGER NOT NULL, resume_epoch INTEGER NOT NULL, started_at TEXT NOT NULL,"
                    + " PRIMARY KEY (execution, worker_index))");
            statement.execute("CREATE TABLE progress (execution INTEGER NOT NULL, worker_index INTEGER NOT NULL,"
                    + " frontier INTEGER NOT NULL, last_epoch INTEGER NOT NULL, cluster_frontier INTEGER NOT NULL DEFAULT -1,"
                    + " PRIMARY KEY (execution, worker_index))");
            statement.execute("CREATE TABLE state (step_id TEXT NOT NULL, state_key BLOB NOT NULL,"
                    + " epoch INTEGER NOT NULL, snapshot BLOB, PRIMARY KEY (step_id, state_key, epoch))");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO flow (name, fingerprint, stateful_steps, worker_count, worker_index, run_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, identity.name());
                insert.setString(2, identity.fingerprint());
                insert.setString(3, identity.stepsText());
                insert.setInt(4, workerCount);
                insert.setInt(5, workerIndex);
                insert.setString(6, runId);
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Whether the file has the four tables. */
    static boolean isPresent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                                + " ('flow', 'execution', 'progress', 'state')")) {
            return rows.next() && rows.getInt(1) == 4;
        }
    }

    /** Adds the columns of later versions to a file written before them. */
    static void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!hasColumn(connection, "flow", "run_id")) {
                statement.execute("ALTER TABLE flow ADD COLUMN run_id TEXT");
            }
            if (!hasColumn(connection, "progress", "cluster_frontier")) {
                statement.execute("ALTER TABLE progress ADD COLUMN cluster_frontier INTEGER NOT NULL DEFAULT -1");
            }
        }
    }

    /** Whether {@code table} has {@code column} (files of older versions lack some). */
    static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rows.next()) {
                if (column.equals(rows.getString("name"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
