package dev.rivulet.cluster.internals;

import dev.rivulet.CaptureListener;
import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.RivuletException;
import dev.rivulet.RunCancelledException;
import dev.rivulet.RunProgress;
import dev.rivulet.engine.RecoveryStore;
import dev.rivulet.engine.RunControl;
import dev.rivulet.engine.RunSettings;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepStats;
import dev.rivulet.engine.Worker;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.engine.steps.StepTranslator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One process of a multi-process cluster, from start-up to its end:
 *
 * <ol>
 *   <li>open this process's recovery store (an error is kept, to be reported to everyone);</li>
 *   <li>connect and authenticate with every other process ({@link Mesh});</li>
 *   <li>exchange recovery reports (read-only findings, or store errors) with every process;
 *       every process reaches the same verdict from them ({@link RecoveryStore#agree}): the
 *       resume epoch, or a refusal before any process has written a byte;</li>
 *   <li>{@code begin} the agreed epoch (only now are recovery files created or migrated), and
 *       wait until every process has done so, so that no worker completes an epoch while
 *       another process's files do not exist yet;</li>
 *   <li>run the local workers; a failure anywhere is broadcast and stops every process;</li>
 *   <li>say goodbye, wait for every other process's goodbye, and close.</li>
 * </ol>
 */
public final class ClusterNode implements Mesh.Listener {

    /** Everything a process needs to know about its run. */
    public record Settings(Dataflow flow, int processId, int processes, int workersPerProcess, EpochConfig epochs,
            RecoveryConfig recovery, int batchSize, CaptureListener captureListener, ClusterSecret secret,
            Duration connectTimeout, RunProgress progress) {
    }

    private static final long POLL_MILLIS = 20;

    private final Settings settings;
    private final MeshTransport transport;
    private final Mesh mesh;
    private final RunControl control = new RunControl();
    private final Map<RivuletException, FailureReport.Kind> kinds = new ConcurrentHashMap<>();
    private final Map<String, StepStats> stats = new ConcurrentHashMap<>();
    private final byte[][] recoveryReports;
    private final String[] startErrors;
    private final CountDownLatch started;
    private final CountDownLatch ready;
    private final boolean[] readySaid;
    private final boolean[] said;
    private final CountDownLatch goodbyes;

    public ClusterNode(Settings settings, ClassLoader classLoader) {
        this.settings = settings;
        int processes = settings.processes();
        this.transport = new MeshTransport(settings.processId(), processes, settings.workersPerProcess(), classLoader);
        this.mesh = new Mesh(settings.processId(), processes, settings.secret(), classLoader, this);
        transport.mesh(mesh);
        this.recoveryReports = new byte[processes][];
        this.startErrors = new String[processes];
        this.started = new CountDownLatch(processes - 1);
        this.ready = new CountDownLatch(processes - 1);
        this.readySaid = new boolean[processes];
        this.said = new boolean[processes];
        this.goodbyes = new CountDownLatch(processes - 1);
        control.onStop(this::onStop);
        if (settings.progress() != null) {
            settings.progress().localCounters(stats);
        }
    }

    /** Listens for the other processes on {@code address}; returns the port (useful with port 0). */
    public int bind(InetSocketAddress address) {
        return mesh.bind(address);
    }

    /**
     * Runs this process's workers as part of the cluster of {@code addresses} (one per process)
     * and returns its step statistics; throws the cluster's failure.
     */
    public Map<String, StepStats> run(List<InetSocketAddress> addresses) {
        int self = settings.processId();
        int processes = settings.processes();
        int first = self * settings.workersPerProcess();
        RecoveryStore store = null;
        String storeError = null;
        RivuletException localStoreFailure = null;
        try {
            store = settings.recovery().open(settings.flow(), processes * settings.workersPerProcess(), first,
                    settings.workersPerProcess());
            recoveryReports[self] = store.report();
        } catch (RuntimeException e) {
            storeError = "process " + self + " could not open its recovery store: " + e.getMessage();
            localStoreFailure = new RivuletException(storeError, e);
        }
        try {
            mesh.connect(addresses, settings.connectTimeout());
            byte[] own = recoveryReports[self];
            String error = storeError;
            mesh.broadcast(alloc -> MeshFrame.encodeStart(alloc, own, error));
            awaitOrStop(started);
            throwIfStopped();
            if (localStoreFailure != null) {
                throw localStoreFailure;
            }
            for (int p = 0; p < processes; p++) {
                if (startErrors[p] != null) {
                    throw new RivuletException(startErrors[p]);
                }
            }
            long epoch = store.agree(List.of(recoveryReports)).epoch();
            store.begin(epoch);
            mesh.broadcast(MeshFrame::encodeReady);
            awaitOrStop(ready);
            throwIfStopped();
            transport.start(epoch);
            runWorkers(store, epoch);
            throwIfStopped();
            mesh.broadcast(MeshFrame::encodeBye);
            awaitOrStop(goodbyes);
            throwIfStopped();
            return stats;
        } catch (InterruptedException e) {
            control.cancel("interrupted: process " + self + " was stopped");
            Thread.currentThread().interrupt();
            throw control.failure();
        } catch (RivuletException e) {
            control.fail(e);
            throw control.failure();
        } catch (RuntimeException e) {
            control.fail(new RivuletException("process " + self + " failed: " + e, e));
            throw control.failure();
        } finally {
            mesh.close();
            if (store != null) {
                store.close();
            }
        }
    }

    /** Releases the network resources of a node whose {@link #run} will not be called. */
    public void abandon() {
        mesh.close();
    }

    /** The failure of the last {@link #run}, as a report for a parent process, or null. */
    public FailureReport failureReport() {
        RivuletException failure = control.failure();
        if (failure == null) {
            return null;
        }
        FailureReport.Kind kind = failure instanceof RunCancelledException ? FailureReport.Kind.CANCELLED
                : kinds.getOrDefault(failure, FailureReport.Kind.ORIGINAL);
        if (kind == FailureReport.Kind.PROPAGATED) {
            return reports.get(failure);
        }
        return FailureReport.of(failure, settings.processId(), kind);
    }

    private final Map<RivuletException, FailureReport> reports = new ConcurrentHashMap<>();

    private void runWorkers(RecoveryStore store, long epoch) throws InterruptedException {
        RunSettings run = new RunSettings(settings.epochs(), store, settings.captureListener(), stats,
                settings.batchSize(), settings.progress());
        int total = settings.processes() * settings.workersPerProcess();
        List<Step> steps = StepTranslator.translate(settings.flow());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < settings.workersPerProcess(); i++) {
            int index = settings.processId() * settings.workersPerProcess() + i;
            Worker worker = new Worker(steps, new WorkerInfo(index, total), transport, run,
                    control, epoch);
            Thread thread = new Thread(worker, "rivulet-worker-" + index);
            thread.setDaemon(true);
            thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            control.cancel("interrupted: process " + settings.processId() + " was stopped");
            for (Thread thread : threads) {
                thread.join(2000);
            }
            throw e;
        }
    }

    private void awaitOrStop(CountDownLatch latch) throws InterruptedException {
        while (!latch.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (control.stopped()) {
                return;
            }
        }
    }

    private void throwIfStopped() {
        if (control.stopped()) {
            throw control.failure();
        }
    }

    private void onStop() {
        transport.wakeAll();
        RivuletException failure = control.failure();
        FailureReport report = failureReport();
        if (failure != null && report != null) {
            mesh.broadcast(alloc -> MeshFrame.encodeFail(alloc, report));
        }
    }

    @Override
    public void onFrame(int peer, MeshFrame frame) {
        if (frame instanceof MeshFrame.Data data) {
            if (!control.stopped()) {
                transport.deliver(data.toWorker(), data.message());
            }
        } else if (frame instanceof MeshFrame.Progress progress) {
            transport.remoteProgress(progress.worker(), progress.frontier());
        } else if (frame instanceof MeshFrame.Start start) {
            synchronized (this) {
                if (recoveryReports[peer] != null || startErrors[peer] != null) {
                    return;
                }
                recoveryReports[peer] = start.report();
                startErrors[peer] = start.error();
            }
            started.countDown();
        } else if (frame instanceof MeshFrame.Ready) {
            synchronized (this) {
                if (readySaid[peer]) {
                    return;
                }
                readySaid[peer] = true;
            }
            ready.countDown();
        } else if (frame instanceof MeshFrame.Fail fail) {
            onPeerFailure(fail.report());
        } else if (frame instanceof MeshFrame.Bye) {
            synchronized (this) {
                if (said[peer]) {
                    return;
                }
                said[peer] = true;
            }
            goodbyes.countDown();
        }
    }

    private void onPeerFailure(FailureReport received) {
        if (control.stopped()) {
            return;
        }
        FailureReport report = received.kind() == FailureReport.Kind.ORIGINAL
                ? received.as(FailureReport.Kind.PROPAGATED) : received;
        RivuletException exception = report.toException();
        kinds.put(exception, FailureReport.Kind.PROPAGATED);
        reports.put(exception, report);
        control.fail(exception);
    }

    @Override
    public void onPeerLost(int peer, String why) {
        synchronized (this) {
            if (said[peer]) {
                return;
            }
        }
        if (control.stopped()) {
            return;
        }
        RivuletException lost = new RivuletException("process " + settings.processId()
                + " lost the connection to process " + peer + " before that process finished (" + why
                + "): it crashed, was killed, or the network failed");
        kinds.put(lost, FailureReport.Kind.LOST);
        control.fail(lost);
    }

    @Override
    public void onLocalFailure(RuntimeException failure) {
        control.fail(failure instanceof RivuletException r ? r : new RivuletException(failure.toString(), failure));
    }

    @Override
    public boolean inboxesFull() {
        return !control.stopped() && transport.inboxesFull();
    }
}
