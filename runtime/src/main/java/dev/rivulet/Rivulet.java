package dev.rivulet;

import dev.rivulet.engine.LocalExecution;
import dev.rivulet.engine.RecoveryStore;
import dev.rivulet.engine.RunSettings;
import dev.rivulet.engine.StepStats;
import dev.rivulet.engine.steps.StepTranslator;
import dev.rivulet.flow.FlowStep;
import dev.rivulet.flow.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entry points: run a flow on the calling thread ({@link #runMain}), on several worker threads
 * of this process ({@link #run}), on child JVMs of this machine ({@link #spawnCluster}), or as
 * one process of a cluster spread over several machines ({@link #clusterMain}).
 *
 * <pre>{@code
 * RunResult one = Rivulet.runMain(flow);                       // one worker, this thread
 * RunResult four = Rivulet.run(flow, 4, RunOptions.defaults()); // four worker threads
 * }</pre>
 *
 * <p>A failure in any worker stops every worker promptly and is thrown once as a
 * {@link RivuletException} naming the step, operator, worker and item, with the original
 * exception as its cause. Interrupting the calling thread cancels the run
 * ({@link RunCancelledException}).
 */
public final class Rivulet {

    private Rivulet() {
    }

    /** Runs {@code flow} with one worker on the calling thread, with default options. */
    public static RunResult runMain(Dataflow flow) {
        return runMain(flow, RunOptions.defaults());
    }

    /** Runs {@code flow} with one worker on the calling thread. */
    public static RunResult runMain(Dataflow flow, RunOptions options) {
        return run(flow, 1, options);
    }

    /** Runs {@code flow} on {@code workers} threads of this process, with default options. */
    public static RunResult run(Dataflow flow, int workers) {
        return run(flow, workers, RunOptions.defaults());
    }

    /**
     * Runs {@code flow} on {@code workers} threads of this process (Bytewax's {@code cluster_main}
     * without addresses) and waits for the end of input.
     */
    public static RunResult run(Dataflow flow, int workers, RunOptions options) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        flow.validate();
        long start = System.nanoTime();
        Map<String, List<Object>> captured = new LinkedHashMap<>();
        for (FlowStep step : flow.steps()) {
            if (step.operation() instanceof Operation.Capture) {
                captured.put(step.stepId(), Collections.synchronizedList(new ArrayList<>()));
            }
        }
        CaptureListener user = options.captureListener();
        CaptureListener collect = (stepId, worker, epoch, items) -> {
            captured.get(stepId).addAll(items);
            user.onCaptured(stepId, worker, epoch, items);
        };
        Map<String, StepStats> stats = new ConcurrentHashMap<>();
        RunProgress progress = options.progress();
        if (progress != null) {
            progress.starting(flow, 0);
            progress.localCounters(stats);
        }
        try (RecoveryStore recovery = options.recovery().open(flow, workers, 0, workers)) {
            RunSettings settings = new RunSettings(options.epochs(), recovery, collect, stats,
                    options.batchSize(), progress);
            LocalExecution.run(StepTranslator.translate(flow), workers, settings);
        } catch (RivuletException e) {
            throw e.withPartialResult(result(flow, captured, stats, start, workers));
        } finally {
            if (progress != null) {
                progress.finished();
            }
        }
        return result(flow, captured, stats, start, workers);
    }

    private static RunResult result(Dataflow flow, Map<String, List<Object>> captured, Map<String, StepStats> stats,
            long start, int workers) {
        Map<String, StepStatistics> statistics = new LinkedHashMap<>();
        for (FlowStep step : flow.steps()) {
            StepStats s = stats.get(step.stepId());
            statistics.put(step.stepId(), s == null
                    ? new StepStatistics(step.stepId(), step.operator(), 0, 0, 0)
                    : new StepStatistics(step.stepId(), step.operator(), s.itemsIn(), s.itemsOut(),
                            s.lateItems()));
        }
        return new RunResult(captured, statistics, Duration.ofNanos(System.nanoTime() - start), workers);
    }

    /**
     * Joins a multi-process cluster as process {@code processId} of {@code addresses} (one
     * {@code host:port} per process, this one included), running workers
     * {@code processId * workersPerProcess} to {@code (processId + 1) * workersPerProcess - 1} of
     * {@code addresses.size() * workersPerProcess} here. With no addresses it is
     * {@link #run(Dataflow, int, RunOptions)}.
     *
     * <p>Every process must get the same flow, addresses and workers per process; connections are
     * authenticated with the secret in the environment variable {@code RIVULET_CLUSTER_SECRET}
     * (the same text in every process; without it a weak default derived from the addresses is
     * used and a warning logged).
     *
     * <pre>{@code
     * // on host a:  Rivulet.clusterMain(flow, List.of("a:2101", "b:2101"), 0, 2, RunOptions.defaults());
     * // on host b:  Rivulet.clusterMain(flow, List.of("a:2101", "b:2101"), 1, 2, RunOptions.defaults());
     * }</pre>
     *
     * @return this process's captured items and step statistics; {@link RunResult#workers()} is
     *     the cluster's total
     * @throws RivuletException the first failure of any worker in any process (with step id,
     *     item and, as cause, the original exception or a
     *     {@link dev.rivulet.cluster.RemoteWorkerException}); a lost process; a recovery store
     *     that could not be opened in any process
     */
    public static RunResult clusterMain(Dataflow flow, java.util.List<String> addresses, int processId,
            int workersPerProcess, RunOptions options) {
        if (addresses == null || addresses.isEmpty()) {
            return run(flow, workersPerProcess, options);
        }
        return dev.rivulet.cluster.internals.ClusterRuns.clusterMain(flow, addresses, processId, workersPerProcess,
                options, dev.rivulet.cluster.internals.ClusterSecret.forClusterMain(addresses,
                        System.getenv(dev.rivulet.cluster.internals.ClusterSecret.ENV)));
    }

    /**
     * Starts {@code processes} local worker JVMs with {@code workersPerProcess} threads each (the
     * same java and class path as this JVM), ships the flow to them (it must be
     * {@link java.io.Serializable}, as everything built with the API is), and waits until all are
     * done. Captured items come back to this process: to {@link RunOptions#onCapture} as they
     * arrive, and into the returned result. With one process the flow runs in this JVM.
     *
     * <pre>{@code
     * RunResult result = Rivulet.spawnCluster(flow, 2, 2, RunOptions.defaults()); // 4 workers in 2 JVMs
     * }</pre>
     *
     * <p>Each child listens on an ephemeral loopback port and connections are authenticated with
     * a random per-cluster secret, so several clusters can run on one host. A failure in any
     * worker, or a child's death, stops every child promptly and is thrown here; children exit
     * when this JVM dies; interrupting the calling thread kills them
     * ({@link RunCancelledException}).
     *
     * @return every child's captured items and the summed statistics; {@link RunResult#workers()}
     *     is {@code processes * workersPerProcess}
     */
    public static RunResult spawnCluster(Dataflow flow, int processes, int workersPerProcess,
            RunOptions options) {
        if (processes == 1) {
            return run(flow, workersPerProcess, options);
        }
        return dev.rivulet.cluster.internals.ClusterSpawner.spawn(flow, processes, workersPerProcess, options);
    }
}
