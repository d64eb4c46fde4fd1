package dev.rivulet.cluster.internals;

import dev.rivulet.CaptureListener;
import dev.rivulet.Dataflow;
import dev.rivulet.RivuletException;
import dev.rivulet.RunCancelledException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunProgress;
import dev.rivulet.RunResult;
import dev.rivulet.engine.StepStats;
import dev.rivulet.shipping.JobPackage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent of a spawned cluster ({@code Rivulet.spawnCluster}): starts the child JVMs, hands
 * them the job and, once every child listens on its ephemeral loopback port, the address list;
 * then collects captured items, statistics and the outcome over each child's control connection.
 * Any failure, a child's death, or an interrupt ends every child; children also end by
 * themselves when this process dies (their stdin closes).
 */
public final class ClusterSpawner {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSpawner.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long FAILURE_GRACE_MILLIS = 1000;

    private sealed interface Event {
    }

    private record Ready(int child, int port) implements Event {
    }

    private record Stats(int child, Map<String, long[]> counters) implements Event {
    }

    private record Done(int child) implements Event {
    }

    private record Failed(int child, FailureReport report) implements Event {
    }

    private record Exited(int child, int code) implements Event {
    }

    /** Control connections that may be in their handshake at once (children dial once each). */
    static final int MAX_HANDSHAKES = 16;

    private final Dataflow flow;
    private final JobSpec jobSpec;
    /** The reused children of a {@code WorkerPool}, or {@code null} to start (and end) new ones. */
    private final List<ChildProcess> warm;
    private final int processes;
    private final int workersPerProcess;
    private final RunOptions options;
    private final ClassLoader classLoader = ClusterRuns.contextClassLoader();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<ChildProcess> children = new ArrayList<>();
    private final AtomicReferenceArray<ControlConnection> connections;
    private final AtomicReferenceArray<Thread> readers;
    private final Map<String, List<Object>> captured;
    private final Map<String, StepStats> stats = new ConcurrentHashMap<>();

    private ClusterSpawner(Dataflow flow, JobPackage packaged, List<ChildProcess> warm, int processes,
            int workersPerProcess, RunOptions options) {
        this.flow = flow;
        this.jobSpec = new JobSpec(packaged == null ? flow : null, packaged, options.epochs(), options.recovery(),
                options.batchSize(), options.progress() == null ? null : options.progress().watchedState());
        this.warm = warm;
        this.processes = processes;
        this.workersPerProcess = workersPerProcess;
        this.options = options;
        this.connections = new AtomicReferenceArray<>(processes);
        this.readers = new AtomicReferenceArray<>(processes);
        this.captured = ClusterRuns.emptyCaptures(flow);
    }

    /** Runs {@code flow} on {@code processes} child JVMs of {@code workersPerProcess} workers each. */
    public static RunResult spawn(Dataflow flow, int processes, int workersPerProcess, RunOptions options) {
        if (processes < 1 || workersPerProcess < 1) {
            throw new IllegalArgumentException("processes and workersPerProcess must be at least 1, got "
                    + processes + " and " + workersPerProcess);
        }
        flow.validate();
        return new ClusterSpawner(flow, null, null, processes, workersPerProcess, options).run();
    }

    /**
     * Runs a flow on the warm children of a {@code WorkerPool}: they get the job on their stdin
     * and, after a clean run, wait for the next one. After a failure they are dead (killed).
     *
     * @param packaged the flow packed with its notebook classes, or {@code null} to ship the flow
     *     itself
     */
    public static RunResult runOn(List<ChildProcess> warm, int workersPerProcess, Dataflow flow, JobPackage packaged,
            RunOptions options) {
        flow.validate();
        return new ClusterSpawner(flow, packaged, warm, warm.size(), workersPerProcess, options).run();
    }

    private RunResult run() {
        RunProgress progress = options.progress();
        if (progress != null) {
            progress.starting(flow, processes);
        }
        try {
            return runChildren();
        } finally {
            if (progress != null) {
                progress.finished();
            }
        }
    }

    private RunResult runChildren() {
        long start = System.nanoTime();
        Thread hook = new Thread(() -> ChildProcess.killAndAwait(children), "rivulet-cluster-shutdown");
        // New children boot (about a second) while this JVM serializes the job and opens its
        // control port; they wait for their job on stdin.
        List<ChildProcess> started;
        try {
            started = warm != null ? warm : ChildProcess.startAll(processes, workersPerProcess);
        } catch (IOException e) {
            throw startFailure(e);
        }
        try (ServerSocket server = new ServerSocket(0, processes * 2, InetAddress.getLoopbackAddress())) {
            byte[] job = jobSpec.toBytes();
            ClusterSecret secret = ClusterSecret.random();
            startAccepting(server, new Handshake(secret));
            Runtime.getRuntime().addShutdownHook(hook);
            for (int id = 0; id < processes; id++) {
                ChildProcess child = started.get(id);
                children.add(child);
                int childId = id;
                child.onExit(code -> onChildExit(childId, code));
                child.sendJob(secret, server.getLocalPort(), job);
            }
            supervise();
        } catch (RivuletException e) {
            throw e.withPartialResult(new RunResult(captured, ClusterRuns.statistics(flow, stats),
                    Duration.ofNanos(System.nanoTime() - start), processes * workersPerProcess));
        } catch (IOException e) {
            ChildProcess.killAndAwait(started);
            throw startFailure(e);
        } catch (RuntimeException | Error e) {
            // e.g. a flow that cannot be serialized: no child, given its job or not yet, outlives the run
            ChildProcess.killAndAwait(started);
            throw e;
        } finally {
            for (int i = 0; i < processes; i++) {
                ControlConnection connection = connections.get(i);
                if (connection != null) {
                    connection.close();
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
        return new RunResult(captured, ClusterRuns.statistics(flow, stats), Duration.ofNanos(System.nanoTime() - start),
                processes * workersPerProcess);
    }

    private RivuletException startFailure(IOException e) {
        return new RivuletException("could not start the worker processes of flow '" + flow.name() + "': " + e, e);
    }

    /**
     * Accepts control connections, each served on its own thread. At most
     * {@link #MAX_HANDSHAKES} connections may be in their handshake at once (each is dropped at
     * the handshake deadline); more are closed at once, so strangers cannot pile up threads.
     */
    private void startAccepting(ServerSocket server, Handshake handshake) {
        Semaphore handshakes = new Semaphore(MAX_HANDSHAKES);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    return;
                }
                if (!handshakes.tryAcquire()) {
                    LOG.warn("refused a control connection from {}: {} handshakes are already in progress",
                            socket.getRemoteSocketAddress(), MAX_HANDSHAKES);
                    closeQuietly(socket);
                    continue;
                }
                Thread reader = new Thread(() -> serve(socket, handshake, handshakes::release),
                        "rivulet-control-" + socket.getPort());
                reader.setDaemon(true);
                reader.start();
            }
        }, "rivulet-control-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Reports a child's exit only after its control connection has been read to the end, so that
     * its DONE or FAILED is always seen before its exit (a dead process's socket closes at once).
     */
    private void onChildExit(int child, int code) {
        Thread reader = readers.get(child);
        if (reader != null) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        events.add(new Exited(child, code));
    }

    /** Authenticates one control connection, then reads its frames until it ends. */
    private void serve(Socket socket, Handshake handshake, Runnable handshakeDone) {
        ControlConnection connection;
        try {
            connection = ControlConnection.accept(socket, handshake,
                    child -> child >= 0 && child < processes && connections.get(child) == null);
        } catch (IOException e) {
            LOG.warn("rejected a control connection from {}: {}", socket.getRemoteSocketAddress(),
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            closeQuietly(socket);
            return;
        } finally {
            handshakeDone.run();
        }
        int child = connection.peer();
        if (!connections.compareAndSet(child, null, connection)) {
            connection.close();
            return;
        }
        readers.set(child, Thread.currentThread());
        ItemSerializer serializer = new ItemSerializer(classLoader);
        CaptureListener user = options.captureListener();
        try {
            while (true) {
                ControlConnection.Frame frame = connection.read();
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame.payload()));
                switch (frame.type()) {
                    case ControlConnection.READY -> events.add(new Ready(child, in.readInt()));
                    case ControlConnection.CAPTURE -> {
                        String stepId = in.readUTF();
                        int worker = in.readInt();
                        long epoch = in.readLong();
                        List<Object> items = serializer.fromBytes(in.readAllBytes());
                        List<Object> target = captured.get(stepId);
                        if (target != null) {
                            target.addAll(items);
                        }
                        user.onCaptured(stepId, worker, epoch, items);
                    }
                    case ControlConnection.PROGRESS -> {
                        if (options.progress() != null) {
                            ControlCodec.readProgress(frame.payload(), child, options.progress(), serializer);
                        }
                    }
                    case ControlConnection.STATS -> events.add(new Stats(child,
                            ControlCodec.statistics(frame.payload())));
                    case ControlConnection.DONE -> events.add(new Done(child));
                    case ControlConnection.FAILED -> events.add(new Failed(child,
                            FailureReport.fromJson(frame.payload())));
                    default -> throw new IOException("unknown control frame " + frame.type());
                }
            }
        } catch (IOException e) {
            // The child closed its side or died: its exit is reported by onChildExit, which waits
            // for this thread, so a DONE or FAILED read before is never mistaken for a death.
        } catch (RuntimeException e) {
            events.add(new Failed(child, FailureReport.plain(FailureReport.Kind.ORIGINAL, child,
                    "could not read what worker process " + child + " sent back (captured items must be "
                    + "readable in this JVM, with the same classes): " + e)));
            connection.close();
        }
    }

    private void supervise() {
        boolean[] ready = new boolean[processes];
        boolean[] done = new boolean[processes];
        boolean[] reported = new boolean[processes];
        boolean[] exited = new boolean[processes];
        int[] ports = new int[processes];
        int readyCount = 0;
        int doneCount = 0;
        int exitedCount = 0;
        List<FailureReport> failures = new ArrayList<>();
        long startDeadline = System.nanoTime() + START_TIMEOUT.toNanos();
        long failDeadline = Long.MAX_VALUE;
        try {
            while (exitedCount < processes) {
                if (doneCount == processes && failures.isEmpty()) {
                    break;
                }
                long now = System.nanoTime();
                if (!failures.isEmpty() && now >= failDeadline) {
                    break;
                }
                if (readyCount < processes && now >= startDeadline && failures.isEmpty()) {
                    failures.add(FailureReport.plain(FailureReport.Kind.ORIGINAL, -1, "the worker processes did "
                            + "not all start within " + START_TIMEOUT.toSeconds() + " s (ready: " + readyCount + " of "
                            + processes + ")"));
                    break;
                }
                long wakeAt = Math.min(failDeadline, readyCount < processes ? startDeadline : Long.MAX_VALUE);
                long waitNanos = wakeAt == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : Math.max(1, wakeAt - now);
                Event event = events.poll(waitNanos, TimeUnit.NANOSECONDS);
                if (event == null) {
                    continue;
                }
                if (event instanceof Ready r && !ready[r.child()]) {
                    ready[r.child()] = true;
                    ports[r.child()] = r.port();
                    ++readyCount;
                    if (options.progress() != null) {
                        options.progress().processesReady(readyCount);
                    }
                    if (readyCount == processes) {
                        sendAddresses(ports);
                        if (options.progress() != null) {
                            options.progress().running();
                        }
                    }
                } else if (event instanceof Stats s) {
                    s.counters().forEach((step, c) -> {
                        StepStats total = stats.computeIfAbsent(step, id -> new StepStats(id, operatorOf(id)));
                        total.addIn(c[0]);
                        total.addOut(c[1]);
                        total.addLate(c[2]);
                    });
                } else if (event instanceof Done d && !done[d.child()]) {
                    done[d.child()] = true;
                    reported[d.child()] = true;
                    doneCount++;
                } else if (event instanceof Failed f) {
                    reported[f.child()] = true;
                    failures.add(f.report());
                } else if (event instanceof Exited x && !exited[x.child()]) {
                    exited[x.child()] = true;
                    exitedCount++;
                    if (!reported[x.child()]) {
                        failures.add(death(x));
                    }
                }
                if (!failures.isEmpty() && failDeadline == Long.MAX_VALUE) {
                    failDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FAILURE_GRACE_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            ChildProcess.killAndAwait(children);
            Thread.currentThread().interrupt();
            throw new RunCancelledException("interrupted: the spawned cluster of flow '" + flow.name()
                    + "' was stopped and its " + processes + " worker processes killed");
        }
        if (!failures.isEmpty()) {
            ChildProcess.killAndAwait(children);
            throw FailureReport.mostTelling(failures).toException();
        }
        if (warm != null) {
            return; // warm children stay up for the next job
        }
        for (ChildProcess child : children) {
            try {
                if (!child.awaitExit(5000)) {
                    child.kill();
                }
            } catch (InterruptedException e) {
                ChildProcess.killAndAwait(children);
                Thread.currentThread().interrupt();
                throw new RunCancelledException("interrupted while the worker processes were finishing");
            }
        }
    }

    private FailureReport death(Exited exit) {
        ChildProcess child = children.get(exit.child());
        String tail = child.stderrTail();
        return FailureReport.plain(FailureReport.Kind.LOST, exit.child(), "worker process " + exit.child() + " (pid "
                + child.pid() + ") exited unexpectedly with exit code " + exit.code()
                + (exit.code() == 137 ? " (killed by SIGKILL)" : "") + "; the other worker processes were stopped"
                + (tail.isEmpty() ? "" : ". Its last stderr lines:\n" + tail));
    }

    private String operatorOf(String stepId) {
        return flow.steps().stream().filter(s -> s.stepId().equals(stepId)).map(s -> s.operator()).findFirst()
                .orElse("?");
    }

    private void sendAddresses(int[] ports) throws InterruptedException {
        List<String> addresses = new ArrayList<>();
        for (int port : ports) {
            addresses.add(InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
        }
        byte[] payload;
        try {
            payload = ControlCodec.addresses(addresses);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < processes; i++) {
            try {
                connections.get(i).send(ControlConnection.ADDRESSES, payload);
            } catch (IOException e) {
                events.put(new Failed(i, FailureReport.plain(FailureReport.Kind.LOST, i,
                        "could not send the address list to worker process " + i + ": " + e)));
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // dropping a stranger
        }
    }
}
