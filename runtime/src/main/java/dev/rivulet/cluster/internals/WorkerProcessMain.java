package dev.rivulet.cluster.internals;

import dev.rivulet.CaptureListener;
import dev.rivulet.RivuletException;
import dev.rivulet.RunProgress;
import dev.rivulet.engine.StepStats;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main class of a child process of a spawned cluster. Arguments: process id, process count,
 * workers per process, and {@code --warm} for a reusable worker. Its stdin carries jobs (the
 * cluster secret, the parent's control port for this job, the {@link JobSpec}) and then stays
 * open: when it closes, the parent is gone and the child exits at once, so children never
 * outlive their parent. A warm child runs job after job; any other exits after its one job.
 *
 * <pre>
 *   parent                                child i
 *     stdin: secret, job  ───────────────▶ read; watch stdin for EOF
 *                         ◀─── control ──  connect 127.0.0.1:controlPort, handshake, READY(mesh port)
 *     ADDRESSES (all children ready) ────▶ mesh with the other children, run the workers
 *                         ◀──────────────  CAPTURE … STATS, DONE  (or FAILED)
 * </pre>
 */
public final class WorkerProcessMain {
    static final int BOOTSTRAP_MAGIC = 0x52564A31; // "RVJ1"
    /** Fourth argument: keep running jobs until stdin closes (a warm {@code WorkerPool} child). */
    static final String WARM = "--warm";

    private WorkerProcessMain() {
    }

    /**
     * Runs one child: {@code args} = process id, process count, workers per process, the
     * parent's control port. Exit code 0 when its workers finished, 1 when the run failed (the
     * failure was sent to the parent), 2 when it could not even start, 3 when the parent died.
     */
    public static void main(String[] args) {
        int processId = Integer.parseInt(args[0]);
        int processes = Integer.parseInt(args[1]);
        int workersPerProcess = Integer.parseInt(args[2]);
        boolean warm = args.length > 3 && args[3].equals(WARM);
        JobReader jobs = new JobReader(System.in, processId);
        ClassLoader application = ClusterRuns.contextClassLoader();
        while (true) {
            // Each job starts from the application loader: never from a previous job's classes.
            Thread.currentThread().setContextClassLoader(application);
            JobReader.Header header = jobs.next();
            JobSpec job;
            try {
                job = JobSpec.fromBytes(header.job(), ClusterRuns.contextClassLoader());
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                System.err.println("rivulet worker process " + processId + ": could not read its job: " + e);
                System.exit(2);
                return;
            }
            int code = run(processId, processes, workersPerProcess, header.controlPort(), header.secret(), job);
            System.out.flush();
            System.err.flush();
            if (code != 0 || !warm) {
                System.exit(code);
            }
            // A warm worker waits for the next job; its JVM, class path and JIT stay warm.
        }
    }

    private static int run(int processId, int processes, int workersPerProcess, int controlPort,
            ClusterSecret secret, JobSpec job) {
        ControlConnection control;
        try {
            control = ControlConnection.dial(new Socket(InetAddress.getLoopbackAddress(), controlPort),
                    new Handshake(secret), processId);
        } catch (IOException e) {
            System.err.println("rivulet worker process " + processId + ": could not reach the parent: " + e);
            return 2;
        }
        try (control) {
            CaptureListener toParent = (stepId, worker, epoch, items) -> sendCapture(control, stepId, worker, epoch,
                    items);
            JobSpec.Materialized materialized;
            try {
                materialized = job.materialize(ClusterRuns.contextClassLoader());
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                control.send(ControlConnection.FAILED, FailureReport.of(new RivuletException("process " + processId
                        + " could not open the shipped flow: " + e, e), processId, FailureReport.Kind.ORIGINAL)
                        .toJson());
                return 1;
            }
            Thread.currentThread().setContextClassLoader(materialized.loader());
            RunProgress progress = null;
            if (job.watchedState() != null) {
                progress = new RunProgress().watchState(job.watchedState().toArray(new String[0]));
                progress.starting(materialized.flow(), 0);
            }
            ClusterNode node = new ClusterNode(new ClusterNode.Settings(materialized.flow(), processId, processes,
                    workersPerProcess, job.epochs(), job.recovery(), job.batchSize(), toParent, secret,
                    ClusterRuns.CONNECT_TIMEOUT, progress), materialized.loader());
            ProgressSender sender = progress == null ? null : new ProgressSender(control, progress, processId);
            try {
                int port = node.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                control.send(ControlConnection.READY, new DataOutputBytes().writeInt(port).bytes());
                ControlConnection.Frame frame = control.read();
                if (frame.type() != ControlConnection.ADDRESSES) {
                    throw new IOException("expected the address list from the parent, got frame " + frame.type());
                }
                List<InetSocketAddress> addresses = new ArrayList<>();
                for (String address : ControlCodec.addresses(frame.payload())) {
                    addresses.add(ClusterRuns.parseAddress(address));
                }
                if (sender != null) {
                    sender.start();
                }
                Map<String, StepStats> stats;
                try {
                    stats = node.run(addresses);
                } finally {
                    if (sender != null) {
                        sender.stop(); // and sends the last counters, before STATS and DONE
                    }
                }
                Map<String, long[]> counters = new LinkedHashMap<>();
                stats.forEach((step, s) -> counters.put(step, new long[] {s.itemsIn(), s.itemsOut(), s.lateItems()}));
                control.send(ControlConnection.STATS, ControlCodec.statistics(counters));
                control.send(ControlConnection.DONE, new byte[0]);
                return 0;
            } catch (RivuletException e) {
                FailureReport report = node.failureReport();
                if (report == null) {
                    report = FailureReport.of(e, processId, FailureReport.Kind.ORIGINAL);
                }
                control.send(ControlConnection.FAILED, report.toJson());
                return 1;
            } catch (RuntimeException e) {
                control.send(ControlConnection.FAILED, FailureReport.of(new RivuletException("process " + processId
                        + " failed: " + e, e), processId, FailureReport.Kind.ORIGINAL).toJson());
                return 1;
            }
        } catch (IOException e) {
            System.err.println("rivulet worker process " + processId + ": lost the parent: " + e);
            return 2;
        }
    }

    private static void sendCapture(ControlConnection control, String stepId, int worker, long epoch, List<?> items) {
        byte[] encoded = ItemSerializer.forThread(ClusterRuns.contextClassLoader()).toBytes(items);
        try {
            DataOutputBytes out = new DataOutputBytes();
            out.data.writeUTF(stepId);
            out.data.writeInt(worker);
            out.data.writeLong(epoch);
            out.data.write(encoded);
            control.send(ControlConnection.CAPTURE, out.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not send captured items to the parent process", e);
        }
    }

    /**
     * Sends this child's live counters to the parent every {@link #INTERVAL_MILLIS} while its
     * workers run, from a thread of its own (workers never wait for it), and once more at the end.
     */
    private static final class ProgressSender {
        static final long INTERVAL_MILLIS = 250;
        private final ControlConnection control;
        private final RunProgress progress;
        private final Thread thread;
        private volatile boolean stopped;

        ProgressSender(ControlConnection control, RunProgress progress, int processId) {
            this.control = control;
            this.progress = progress;
            this.thread = new Thread(this::loop, "rivulet-progress-" + processId);
            thread.setDaemon(true);
            thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        }

        void start() {
            thread.start();
        }

        private void loop() {
            while (!stopped) {
                try {
                    Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (!stopped && !send()) {
                    return;
                }
            }
        }

        private boolean send() {
            try {
                ItemSerializer rows = ItemSerializer.forThread(Thread.currentThread().getContextClassLoader());
                control.send(ControlConnection.PROGRESS, ControlCodec.progress(progress, rows));
                return true;
            } catch (IOException | RuntimeException e) {
                return false; // the parent is gone or the sample is unreadable: the run itself decides
            }
        }

        void stop() {
            stopped = true;
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send();
        }
    }

    /** A tiny DataOutputStream over a byte array. */
    static final class DataOutputBytes {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final DataOutputStream data = new DataOutputStream(buffer);

        DataOutputBytes writeInt(int value) throws IOException {
            data.writeInt(value);
            return this;
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }
    }
}
