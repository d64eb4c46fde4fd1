package dev.rivulet.cluster.internals;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM of a spawned cluster: started with the same java and class path as this one,
 * given its secret and job on stdin (which then stays open: closing it is how the child learns
 * this process died), its stdout and stderr forwarded with a {@code [process i]} prefix, and the
 * last lines of its stderr kept for error messages.
 */
public final class ChildProcess {
    private static final int STDERR_TAIL_LINES = 30;

    private final int processId;
    private final Process process;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final List<Thread> forwarders = new ArrayList<>();

    private volatile IntConsumer exitListener;

    private ChildProcess(int processId, Process process) {
        this.processId = processId;
        this.process = process;
    }

    /**
     * Starts a child JVM that waits for its job on stdin ({@link #sendJob}); a {@code warm} child
     * runs job after job until its stdin closes.
     */
    static ChildProcess start(int processId, int processes, int workersPerProcess, boolean warm) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java"));
        String extra = System.getProperty("rivulet.cluster.jvmOptions", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        String classpath = ChildClasspath.of(Thread.currentThread().getContextClassLoader());
        WorkerJvmArchive archive = WorkerJvmArchive.forClasspath(classpath);
        // Warm pools end their children with a kill, which would lose an archive being written.
        WorkerJvmArchive.Options sharing = archive == null ? WorkerJvmArchive.Options.NONE
                : archive.options(!warm && processId == 0);
        command.addAll(sharing.jvmOptions());
        command.add("-cp");
        command.add(classpath);
        command.add(WorkerProcessMain.class.getName());
        command.add(Integer.toString(processId));
        command.add(Integer.toString(processes));
        command.add(Integer.toString(workersPerProcess));
        if (warm) {
            command.add(WorkerProcessMain.WARM);
        }
        Process process = new ProcessBuilder(command).start();
        ChildProcess child = new ChildProcess(processId, process);
        child.forward(process.getInputStream(), System.out, false);
        child.forward(process.getErrorStream(), System.err, true);
        process.onExit().thenRun(() -> {
            if (sharing.writing() != null) {
                archive.childExited(sharing.writing(), process.exitValue());
            }
            IntConsumer listener = child.exitListener;
            if (listener != null) {
                listener.accept(process.exitValue());
            }
        });
        return child;
    }

    /** Who hears of this child's exit: the run it currently serves. */
    void onExit(IntConsumer listener) {
        this.exitListener = listener;
        if (!process.isAlive()) {
            listener.accept(process.exitValue());
        }
    }

    /** Hands the child a job: the cluster secret, the control port of this run, the job bytes. */
    void sendJob(ClusterSecret secret, int controlPort, byte[] job) {
        try {
            DataOutputStream stdin = new DataOutputStream(process.getOutputStream());
            stdin.writeInt(WorkerProcessMain.BOOTSTRAP_MAGIC);
            stdin.write(secret.bytes());
            stdin.writeInt(controlPort);
            stdin.writeInt(job.length);
            stdin.write(job);
            stdin.flush();
        } catch (IOException e) {
            // The child died before reading its job (a bad JVM option, say): its exit, with its
            // stderr, is reported by the exit listener, which says more than this error.
        }
    }

    /** Whether the child JVM is running. */
    public boolean isAliveNow() {
        return process.isAlive();
    }

    /** Starts a warm child (see {@link #start}); for {@code WorkerPool}. */
    public static ChildProcess startWarm(int processId, int processes, int workersPerProcess) throws IOException {
        return start(processId, processes, workersPerProcess, true);
    }

    private void forward(InputStream stream, PrintStream target, boolean keepTail) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    target.println("[process " + processId + "] " + line);
                    if (keepTail) {
                        synchronized (stderrTail) {
                            stderrTail.addLast(line);
                            if (stderrTail.size() > STDERR_TAIL_LINES) {
                                stderrTail.removeFirst();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "rivulet-child-" + processId + (keepTail ? "-stderr" : "-stdout"));
        thread.setDaemon(true);
        thread.start();
        forwarders.add(thread);
    }

    int processId() {
        return processId;
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** The last lines the child wrote to stderr (after its forwarders drained), or "". */
    String stderrTail() {
        for (Thread thread : forwarders) {
            try {
                thread.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    /** Starts the one-off children of a cluster; if one cannot start, none is left running. */
    static List<ChildProcess> startAll(int processes, int workersPerProcess) throws IOException {
        List<ChildProcess> started = new ArrayList<>();
        try {
            for (int id = 0; id < processes; id++) {
                started.add(start(id, processes, workersPerProcess, false));
            }
        } catch (IOException | RuntimeException e) {
            killAndAwait(started);
            throw e;
        }
        return started;
    }

    /**
     * Kills the children and waits (up to 5 s each) until they are gone. An interrupt does not cut
     * the wait short — a SIGKILLed JVM is gone in milliseconds, and a caller that returns while a
     * worker is still dying would leave it visible as a leftover — it is re-asserted afterwards.
     */
    public static void killAndAwait(List<ChildProcess> children) {
        children.forEach(ChildProcess::kill);
        boolean interrupted = false;
        for (ChildProcess child : children) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) {
                try {
                    child.awaitExit(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the child and its descendants at once. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        closeStdin();
    }

    void closeStdin() {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Waits up to {@code millis} for the child to exit; returns whether it did. */
    boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }
}
