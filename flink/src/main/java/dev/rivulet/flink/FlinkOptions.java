package dev.rivulet.flink;

import dev.rivulet.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run a flow on Flink: where (an in-process mini cluster, or a cluster's REST endpoint
 * {@code host:port}), with what parallelism, from which savepoint or checkpoint, and with which
 * jars shipped to the cluster. The flow's {@link RunOptions} still apply: the epoch interval is
 * the checkpoint interval, captured items reach {@link RunOptions#onCapture} listeners.
 * Immutable; each method returns a copy.
 *
 * <pre>{@code
 * FlinkOptions options = FlinkOptions.miniCluster().parallelism(2);
 * FlinkOptions remote = FlinkOptions.remote("localhost:8081").parallelism(4).jars(List.of(Path.of("app.jar")));
 * }</pre>
 */
public final class FlinkOptions {
    private final String master;
    private final int parallelism;
    private final RunOptions runOptions;
    private final String savepoint;
    private final List<Path> jars;
    private final int restartAttempts;

    private FlinkOptions(String master, int parallelism, RunOptions runOptions, String savepoint, List<Path> jars,
            int restartAttempts) {
        this.master = master;
        this.parallelism = parallelism;
        this.runOptions = runOptions;
        this.savepoint = savepoint;
        this.jars = List.copyOf(jars);
        this.restartAttempts = restartAttempts;
    }

    /** This JVM's shared mini cluster (started on first use), parallelism 1. */
    public static FlinkOptions miniCluster() {
        return new FlinkOptions(null, 1, RunOptions.defaults(), null, List.of(), 3);
    }

    /** The Flink cluster whose REST endpoint (JobManager) is {@code hostAndPort}, parallelism 1. */
    public static FlinkOptions remote(String hostAndPort) {
        parse(hostAndPort);
        return new FlinkOptions(hostAndPort, 1, RunOptions.defaults(), null, List.of(), 3);
    }

    /** Every step's parallelism (Rivulet's worker count). */
    public FlinkOptions parallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        return new FlinkOptions(master, parallelism, runOptions, savepoint, jars, restartAttempts);
    }

    /** Epochs (checkpoint interval), capture listener, progress and batch size. */
    public FlinkOptions runOptions(RunOptions runOptions) {
        return new FlinkOptions(master, parallelism, Objects.requireNonNull(runOptions, "runOptions"), savepoint,
                jars, restartAttempts);
    }

    /** Starts the job from this savepoint or retained checkpoint (a path or URI Flink can read). */
    public FlinkOptions fromSavepoint(String path) {
        return new FlinkOptions(master, parallelism, runOptions, Objects.requireNonNull(path, "path"), jars,
                restartAttempts);
    }

    /** Jars holding the flow's classes, shipped with the job to a remote cluster. */
    public FlinkOptions jars(List<Path> jars) {
        return new FlinkOptions(master, parallelism, runOptions, savepoint, new ArrayList<>(jars), restartAttempts);
    }

    /** How often a failed job is restarted from its last checkpoint (not for user-code failures); default 3. */
    public FlinkOptions restartAttempts(int attempts) {
        if (attempts < 0) {
            throw new IllegalArgumentException("restart attempts must not be negative, got " + attempts);
        }
        return new FlinkOptions(master, parallelism, runOptions, savepoint, jars, attempts);
    }

    /** The REST endpoint {@code host:port}, or {@code null} for the mini cluster. */
    public String master() {
        return master;
    }

    public int parallelism() {
        return parallelism;
    }

    public RunOptions runOptions() {
        return runOptions;
    }

    public String savepoint() {
        return savepoint;
    }

    public List<Path> jars() {
        return jars;
    }

    public int restartAttempts() {
        return restartAttempts;
    }

    static String[] parse(String hostAndPort) {
        int colon = hostAndPort == null ? -1 : hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("a Flink master is host:port of its REST endpoint (for example "
                    + "localhost:8081), got '" + hostAndPort + "'");
        }
        try {
            Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port of Flink master '" + hostAndPort + "' is not a number");
        }
        return new String[] {hostAndPort.substring(0, colon), hostAndPort.substring(colon + 1)};
    }
}
