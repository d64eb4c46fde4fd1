package dev.rivulet.engine;

import dev.rivulet.RivuletException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker: a thread running the whole flow on its share of the data.
 *
 * <p>Each loop iteration: deliver messages from other workers; poll the inputs the cluster's
 * progress allows; run due timers; flush exchange buffers; if this worker's frontier moved,
 * commit the snapshots of the finished epochs and only then publish the progress; when the
 * cluster's frontier moved, tell the operators which epochs are complete everywhere (sinks make
 * their output visible there). It sleeps when nothing happened, until a message, a progress
 * change, an epoch deadline or a timer wakes it. A worker whose input is done keeps looping until
 * the cluster completed its last epoch if an operator awaits that.
 */
public final class Worker implements Runnable {
    private static final int MESSAGES_PER_ITERATION = 256;
    private static final int MAX_CAUSE_CHARS = 300;

    private final WorkerInfo info;
    private final Transport transport;
    private final RunControl control;
    private final WorkerGraph graph;
    private final Inbox inbox;

    public Worker(List<Step> steps, WorkerInfo info, Transport transport, RunSettings settings,
            RunControl control, long startEpoch) {
        this.info = info;
        this.transport = transport;
        this.control = control;
        this.graph = new WorkerGraph(steps, info, transport, settings, startEpoch);
        this.inbox = transport.inbox(info.index());
    }

    @Override
    public void run() {
        inbox.owner(Thread.currentThread());
        Throwable failure = null;
        try {
            graph.open();
            loop();
        } catch (Throwable t) {
            failure = t;
        } finally {
            Throwable closing = graph.close();
            if (failure == null && closing != null && !control.stopped()) {
                failure = closing;
            }
            if (failure != null) {
                control.fail(describe(failure));
            }
            inbox.owner(null);
        }
    }

    private void loop() throws Exception {
        long published = -1;
        long completed = -1;
        while (!control.stopped()) {
            if (Thread.currentThread().isInterrupted()) {
                control.cancel("interrupted: the run was stopped on worker " + info.index());
                return;
            }
            boolean busy = false;
            for (int i = 0; i < MESSAGES_PER_ITERATION; i++) {
                Message message = inbox.poll();
                if (message == null) {
                    break;
                }
                graph.deliver(message);
                busy = true;
            }
            long nowNanos = System.nanoTime();
            long nowMillis = System.currentTimeMillis();
            long cluster = transport.clusterFrontier();
            busy |= graph.pollInputs(nowNanos, cluster, transport.congested(info.index()));
            busy |= graph.fireTimers(nowMillis);
            graph.sampleState(nowNanos, false);
            graph.flush();
            long frontier = graph.frontier();
            if (frontier != published) {
                graph.recovery().commit(frontier, graph.lastEpoch(), transport.clusterFrontier());
                transport.publishProgress(info.index(), frontier);
                published = frontier;
            }
            long clusterNow = transport.clusterFrontier();
            if (clusterNow != completed) {
                // every worker stored these epochs: a resume never goes back before them
                graph.epochsCompleted(clusterNow);
                completed = clusterNow;
            }
            if (frontier == Vertex.DONE && (completed == Vertex.DONE || !graph.awaitsCompletion())) {
                graph.sampleState(nowNanos, true);
                return;
            }
            if (!busy && inbox.size() == 0) {
                LockSupport.parkNanos(this, graph.parkNanos(nowNanos, nowMillis, transport.clusterFrontier()));
            }
        }
    }

    private RivuletException describe(Throwable t) {
        int workers = info.count();
        if (t instanceof StepFailure f) {
            String message = "step '" + f.stepId() + "' (" + f.operator() + ") failed on worker "
                    + info.index() + " of " + workers
                    + (f.item() != null ? " while processing item " + f.item() : " while " + f.doing())
                    + ": " + describeCause(f.getCause());
            return new RivuletException(message, f.getCause(), f.stepId(), f.operator(), info.index(),
                    f.item());
        }
        if (t instanceof RivuletException r) {
            return r;
        }
        return new RivuletException("worker " + info.index() + " of " + workers + " failed: "
                + describeCause(t), t, null, null, info.index(), null);
    }

    private static String describeCause(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage();
        if (message != null && message.length() > MAX_CAUSE_CHARS) {
            // User exceptions often quote the whole input (NumberFormatException does).
            message = message.substring(0, MAX_CAUSE_CHARS) + "… (" + message.length() + " chars)";
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
