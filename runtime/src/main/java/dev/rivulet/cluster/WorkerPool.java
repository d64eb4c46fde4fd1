package dev.rivulet.cluster;

import dev.rivulet.Dataflow;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.cluster.internals.ChildProcess;
import dev.rivulet.cluster.internals.ClusterSpawner;
import dev.rivulet.shipping.JobPackage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Warm worker JVMs for repeated runs: a local cluster of {@code processes} child JVMs with
 * {@code workersPerProcess} workers each, started once and reused by every {@link #run}, so a
 * rerun does not pay JVM start-up again (the notebook's {@code %spawn_cluster} keeps one pool per
 * cluster shape). Each run behaves like {@code Rivulet.spawnCluster}: fresh ports and secret, the
 * flow shipped to the children, captured items streamed back.
 *
 * <p>Lifecycle: {@link #start} starts the JVMs (they wait for a job); {@link #run} may be called
 * any number of times, one at a time; a failed or interrupted run kills the children, and the
 * next run starts new ones; {@link #close} (and the end of this JVM, and a {@code kill -9} of it)
 * ends them.
 *
 * <pre>{@code
 * try (WorkerPool pool = WorkerPool.start(2, 2)) {
 *     RunResult first = pool.run(flow, RunOptions.defaults());
 *     RunResult again = pool.run(flow, RunOptions.defaults());   // no JVM start-up this time
 * }
 * }</pre>
 */
public final class WorkerPool implements AutoCloseable {
    private final int processes;
    private final int workersPerProcess;
    private final List<ChildProcess> children = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::killAll, "rivulet-pool-shutdown");
    private boolean closed;

    private WorkerPool(int processes, int workersPerProcess) {
        this.processes = processes;
        this.workersPerProcess = workersPerProcess;
    }

    /** Starts {@code processes} warm worker JVMs of {@code workersPerProcess} workers each. */
    public static WorkerPool start(int processes, int workersPerProcess) {
        if (processes < 1 || workersPerProcess < 1) {
            throw new IllegalArgumentException("processes and workersPerProcess must be at least 1, got "
                    + processes + " and " + workersPerProcess);
        }
        WorkerPool pool = new WorkerPool(processes, workersPerProcess);
        Runtime.getRuntime().addShutdownHook(pool.shutdownHook);
        pool.ensureStarted();
        return pool;
    }

    public int processes() {
        return processes;
    }

    public int workersPerProcess() {
        return workersPerProcess;
    }

    /** Whether every child JVM is up (false after a failed run, until the next run restarts them). */
    public synchronized boolean isWarm() {
        return !children.isEmpty() && children.stream().allMatch(ChildProcess::isAliveNow);
    }

    /** Runs {@code flow} (its classes must be on the children's class path). */
    public synchronized RunResult run(Dataflow flow, RunOptions options) {
        return run(flow, null, options);
    }

    /**
     * Runs a flow packed with its notebook classes and variables ({@link
     * dev.rivulet.shipping.JobPacker}); {@code flow} is the live flow, for step names and result
     * shapes. Captured items are decoded with the caller's context class loader.
     */
    public synchronized RunResult run(Dataflow flow, JobPackage packaged, RunOptions options) {
        if (closed) {
            throw new IllegalStateException("this worker pool is closed");
        }
        ensureStarted();
        try {
            return ClusterSpawner.runOn(List.copyOf(children), workersPerProcess, flow, packaged, options);
        } catch (RuntimeException e) {
            killAll(); // a failed run leaves no half-dead pool behind
            throw e;
        }
    }

    private synchronized void ensureStarted() {
        if (isWarm()) {
            return;
        }
        killAll();
        try {
            for (int id = 0; id < processes; id++) {
                children.add(ChildProcess.startWarm(id, processes, workersPerProcess));
            }
        } catch (IOException e) {
            killAll();
            throw new RivuletException("could not start " + processes + " worker processes: " + e, e);
        }
    }

    /** Kills the children and waits until they are gone, so no caller sees a dying worker JVM. */
    private synchronized void killAll() {
        ChildProcess.killAndAwait(children);
        children.clear();
    }

    /** Ends the child JVMs. */
    @Override
    public synchronized void close() {
        closed = true;
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
