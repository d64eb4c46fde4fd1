package dev.rivulet.flink;

import dev.rivulet.CaptureListener;
import dev.rivulet.Dataflow;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.StepStatistics;
import dev.rivulet.flink.internals.Captured;
import dev.rivulet.flink.internals.JobTranslator;
import dev.rivulet.flink.internals.SharedMiniCluster;
import dev.rivulet.flink.internals.StepCounters;
import dev.rivulet.flink.internals.StepFailedException;
import dev.rivulet.flow.FlowStep;
import dev.rivulet.recovery.SqliteRecoveryConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs a flow on Apache Flink: the flow's description is translated into a DataStream job (every
 * operator, with Rivulet's semantics; what cannot be translated fails before submission, naming
 * the step), submitted to this JVM's shared mini cluster or to a remote cluster's REST endpoint,
 * and awaited. Captured items stream back to the client while the job runs.
 *
 * <pre>{@code
 * RunResult result = FlinkRunner.run(flow, FlinkOptions.miniCluster().parallelism(2));
 * List<KV<String, Long>> counts = result.captured("out");
 * }</pre>
 *
 * <p>Epochs are checkpoints: the epoch interval of {@link RunOptions#epochs} is the checkpoint
 * interval, and recovery is Flink's (restart from the last checkpoint after a lost TaskManager,
 * savepoints with {@link FlinkOptions#fromSavepoint}). With {@code RecoveryConfig.sqlite(dir)}
 * the checkpoints are kept under {@code dir/flink-checkpoints}. A failure of user code fails the
 * job at once (it would fail again after a restart) and is thrown as a {@link RivuletException}
 * naming the step and the item.
 */
public final class FlinkRunner {
    /** Flink's smallest checkpoint interval; also what {@code EpochConfig.testing()} maps to. */
    static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(100);

    private FlinkRunner() {
    }

    /** Runs {@code flow} on the shared mini cluster with parallelism 1. */
    public static RunResult run(Dataflow flow) {
        return run(flow, FlinkOptions.miniCluster());
    }

    /**
     * Runs {@code flow} as {@code options} say and waits for its end.
     *
     * @throws RivuletException naming the step for a failure in user code or a connector, or for a
     *     step this runner cannot translate (before submission); a failed job otherwise
     */
    public static RunResult run(Dataflow flow, FlinkOptions options) {
        flow.validate();
        checkSerializable(flow);
        long start = System.nanoTime();
        RunOptions run = options.runOptions();
        StreamExecutionEnvironment env = environment(options);
        JobTranslator.Translation job = JobTranslator.translate(flow, env, run.batchSize());
        Map<String, List<Object>> captured = new LinkedHashMap<>();
        for (String step : job.captures().keySet()) {
            captured.put(step, Collections.synchronizedList(new ArrayList<>()));
        }
        Map<String, CloseableIterator<Object>> iterators = new LinkedHashMap<>();
        for (Map.Entry<String, DataStream<Object>> e : job.captures().entrySet()) {
            iterators.put(e.getKey(), e.getValue().collectAsync());
        }
        Map<String, long[]> counters = new LinkedHashMap<>();
        JobClient client;
        try {
            client = env.executeAsync(flow.name());
        } catch (Exception e) {
            throw new RivuletException("could not submit flow '" + flow.name() + "' to Flink "
                    + (options.master() == null ? "(mini cluster)" : "at " + options.master()) + ": " + e, e);
        }
        List<Thread> readers = new ArrayList<>();
        List<Throwable> readFailures = Collections.synchronizedList(new ArrayList<>());
        CaptureListener listener = run.captureListener();
        for (Map.Entry<String, CloseableIterator<Object>> e : iterators.entrySet()) {
            Thread reader = new Thread(() -> drain(e.getValue(), captured.get(e.getKey()), listener, readFailures),
                    "rivulet-flink-capture-" + e.getKey());
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        try {
            JobExecutionResult result = client.getJobExecutionResult().get();
            for (Thread reader : readers) {
                reader.join();
            }
            for (Map.Entry<String, Object> acc : result.getAllAccumulatorResults().entrySet()) {
                String[] parsed = StepCounters.parse(acc.getKey());
                if (parsed != null && acc.getValue() instanceof Long n) {
                    long[] c = counters.computeIfAbsent(parsed[0], k -> new long[3]);
                    c[switch (parsed[1]) { case "in" -> 0; case "out" -> 1; default -> 2; }] += n;
                }
            }
        } catch (InterruptedException e) {
            client.cancel();
            Thread.currentThread().interrupt();
            throw new dev.rivulet.RunCancelledException("the Flink run of '" + flow.name() + "' was cancelled");
        } catch (Exception e) {
            StepFailedException step = StepFailedException.find(e);
            RivuletException failure = step != null ? step.toRivuletException()
                    : new RivuletException("the Flink job of flow '" + flow.name() + "' failed: " + rootMessage(e), e);
            throw failure.withPartialResult(result(flow, captured, counters, start, options.parallelism()));
        } finally {
            for (CloseableIterator<Object> it : iterators.values()) {
                try {
                    it.close();
                } catch (Exception ignored) {
                    // the job is over; its collect sinks are gone
                }
            }
        }
        if (!readFailures.isEmpty()) {
            throw new RivuletException("reading captured items back from Flink failed: " + readFailures.get(0),
                    readFailures.get(0));
        }
        return result(flow, captured, counters, start, options.parallelism());
    }

    /** Flink ships the flow to its TaskManagers: a step whose functions or data cannot be serialized fails here. */
    private static void checkSerializable(Dataflow flow) {
        for (FlowStep step : flow.steps()) {
            try {
                org.apache.flink.util.InstantiationUtil.serializeObject(step.operation());
            } catch (java.io.IOException e) {
                throw new dev.rivulet.FlowDefinitionException("step '" + step.stepId() + "' (" + step.operator()
                        + ") cannot be shipped to Flink: " + e.getMessage() + " is not serializable. The Flink runner "
                        + "sends the flow's functions and data to its TaskManagers; make that class implement "
                        + "java.io.Serializable (lambdas of the API already are)", e);
            }
        }
    }

    private static void drain(CloseableIterator<Object> items, List<Object> into, CaptureListener listener,
            List<Throwable> failures) {
        try {
            while (items.hasNext()) {
                Captured c = (Captured) items.next();
                into.add(c.item());
                listener.onCaptured(c.stepId(), c.worker(), c.epoch(), List.of(c.item()));
            }
        } catch (Throwable t) {
            if (StepFailedException.find(t) == null && !isJobFailure(t)) {
                failures.add(t);
            }
        }
    }

    private static boolean isJobFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String name = c.getClass().getName();
            if (name.contains("JobExecutionException") || name.contains("JobCancellation")) {
                return true;
            }
        }
        return true; // the job's own failure is reported by the job result; never mask it here
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    static StreamExecutionEnvironment environment(FlinkOptions options) {
        RunOptions run = options.runOptions();
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, options.restartAttempts());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        if (options.savepoint() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, options.savepoint());
        }
        if (run.recovery() instanceof SqliteRecoveryConfig sqlite) {
            Path dir = sqlite.directory().toAbsolutePath().resolve("flink-checkpoints");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
        }
        String host;
        int port;
        if (options.master() == null) {
            if (options.parallelism() > SharedMiniCluster.slots()) {
                throw new IllegalArgumentException("the mini cluster runs a parallelism of at most "
                        + SharedMiniCluster.slots() + ", got " + options.parallelism()
                        + "; use a Flink cluster (--flink-master) for more");
            }
            URI rest;
            try {
                rest = SharedMiniCluster.restAddress();
            } catch (Exception e) {
                throw new RivuletException("could not start the Flink mini cluster: " + e, e);
            }
            host = rest.getHost();
            port = rest.getPort();
        } else {
            String[] hp = FlinkOptions.parse(options.master());
            host = hp[0];
            port = Integer.parseInt(hp[1]);
        }
        String[] jars = options.jars().stream().map(p -> p.toAbsolutePath().toString()).toArray(String[]::new);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(host, port, conf, jars);
        env.setParallelism(options.parallelism());
        Duration interval = run.epochs().isTesting() ? MIN_CHECKPOINT_INTERVAL : run.epochs().interval();
        env.enableCheckpointing(Math.max(MIN_CHECKPOINT_INTERVAL.toMillis(), interval.toMillis()));
        return env;
    }

    private static RunResult result(Dataflow flow, Map<String, List<Object>> captured, Map<String, long[]> counters,
            long start, int workers) {
        Map<String, StepStatistics> stats = new LinkedHashMap<>();
        for (FlowStep step : flow.steps()) {
            long[] c = counters.getOrDefault(step.stepId(), new long[3]);
            stats.put(step.stepId(), new StepStatistics(step.stepId(), step.operator(), c[0], c[1], c[2]));
        }
        return new RunResult(captured, stats, Duration.ofNanos(System.nanoTime() - start), workers);
    }
}
