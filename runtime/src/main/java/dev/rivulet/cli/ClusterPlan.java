package dev.rivulet.cli;

import dev.rivulet.EpochConfig;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code rivulet run} will do once flags and environment are resolved: how many processes
 * and workers, which process this is, and the run options.
 *
 * @param mode how the flow is run
 * @param processes processes in the cluster (1 when running in this process only)
 * @param workersPerProcess worker threads per process
 * @param processId this process's index in {@code addresses}, or {@code null} unless joining
 * @param addresses every process's {@code host:port}, empty unless joining
 * @param sqliteDirectory the recovery directory, or {@code null} for no recovery
 * @param epochInterval the epoch interval ({@link Duration#ZERO} = one item per partition per
 *     epoch), or {@code null} for the default
 * @param warnings warnings to print before running
 */
public record ClusterPlan(Mode mode, int processes, int workersPerProcess, Integer processId,
        List<String> addresses, Path sqliteDirectory, Duration epochInterval, List<String> warnings) {

    /** How the flow is run. */
    public enum Mode {
        /** Worker threads in this process ({@code Rivulet.run}/{@code runMain}). */
        IN_PROCESS,
        /** {@code -p N}: N local worker processes ({@code Rivulet.spawnCluster}). */
        SPAWN,
        /** {@code -a ... -i ID}: this process joins a cluster ({@code Rivulet.clusterMain}). */
        JOIN
    }

    /**
     * The run options this plan asks for. {@link RecoveryConfig#sqlite} is only called when a
     * recovery directory was given.
     */
    public RunOptions runOptions() {
        RunOptions options = RunOptions.defaults();
        if (epochInterval != null) {
            options = options.epochs(epochInterval.isZero() ? EpochConfig.testing()
                    : EpochConfig.periodic(epochInterval));
        }
        if (sqliteDirectory != null) {
            options = options.recovery(RecoveryConfig.sqlite(sqliteDirectory));
        }
        return options;
    }
}
