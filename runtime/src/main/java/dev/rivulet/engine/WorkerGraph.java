package dev.rivulet.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole flow instantiated on one worker: a {@link Vertex} per step, wired with local and
 * exchange edges (built by {@link WorkerGraphBuilder}), and what the {@link Worker} loop does
 * with them: deliver messages, poll inputs, fire timers, flush edges, track the frontier, park,
 * close. Exchange edges are numbered in step order, so every worker in every process agrees on
 * their ids.
 */
final class WorkerGraph {
    private final WorkerInfo worker;
    private final RunSettings settings;
    private final WorkerRecovery recovery;
    private final WorkerGraphBuilder builder;
    private long lastEpoch;
    private final List<Vertex> vertices = new ArrayList<>();
    private final List<Vertex> inputs = new ArrayList<>();
    private final List<ExchangeEdge> exchanges = new ArrayList<>();
    /** The vertices whose state a progress display watches (see {@link #sampleState}). */
    private final List<Vertex> watched = new ArrayList<>();
    private long nextStateSampleNanos;
    private boolean idleInput;

    WorkerGraph(List<Step> steps, WorkerInfo worker, Transport transport, RunSettings settings,
            long startEpoch) {
        this.worker = worker;
        this.settings = settings;
        this.recovery = settings.recovery().worker(worker.index());
        this.lastEpoch = startEpoch;
        this.builder = new WorkerGraphBuilder(steps, worker, transport, settings, recovery, startEpoch,
                vertices, inputs, exchanges, watched);
    }

    /** Opens every operator and wires the vertices (see {@link WorkerGraphBuilder}). */
    void open() throws Exception {
        builder.build();
    }

    /** Delivers a message from another worker. */
    void deliver(Message message) {
        ExchangeEdge edge = exchanges.get(message.edgeId);
        if (message.kind == Message.FRONTIER) {
            edge.target().onSourceFrontier(edge.input(), message.fromWorker, message.frontier);
        } else if (message.isFrontier()) {
            edge.target().onSourceWatermark(edge.input(), message.fromWorker, message.frontier,
                    message.kind == Message.IDLE);
        } else {
            edge.target().onData(edge.input(), message.batch);
        }
    }

    /** Polls every input whose epoch the cluster allows; returns whether anything happened. */
    boolean pollInputs(long nowNanos, long clusterFrontier, boolean congested) throws Exception {
        boolean busy = false;
        idleInput = false;
        for (Vertex vertex : inputs) {
            long epoch = vertex.frontier();
            if (epoch == Vertex.DONE || clusterFrontier < epoch || congested) {
                continue;
            }
            InputOperator input = (InputOperator) vertex.operator();
            lastEpoch = Math.max(lastEpoch, epoch);
            vertex.outputs().epoch(epoch);
            InputOperator.Poll poll = input.poll(nowNanos, vertex.outputs());
            vertex.outputs().flush();
            switch (poll) {
                case IDLE -> idleInput = true;
                case EMITTED -> busy = true;
                case CLOSE_EPOCH -> {
                    vertex.advanceTo(epoch + 1);
                    busy = true;
                }
                case FINISHED -> {
                    vertex.advanceTo(Vertex.DONE);
                    busy = true;
                }
                default -> throw new IllegalStateException(poll.toString());
            }
        }
        return busy;
    }

    /** How often a worker hands its watched steps' state to the progress view. */
    static final long STATE_SAMPLE_NANOS = 250_000_000L;

    /**
     * Every {@link #STATE_SAMPLE_NANOS} (and at the end, {@code last}), gives the progress view
     * this worker's "so far" state of the watched steps; costs one comparison per loop iteration
     * when nothing is watched.
     */
    void sampleState(long nowNanos, boolean last) {
        if (watched.isEmpty() || (nowNanos < nextStateSampleNanos && !last)) {
            return;
        }
        nextStateSampleNanos = nowNanos + STATE_SAMPLE_NANOS;
        for (Vertex vertex : watched) {
            StateView view = vertex.operator().stateSoFar(dev.rivulet.RunProgress.STATE_ROWS);
            if (view != null) {
                settings.progress().stateSample(vertex.stepId(), worker.index(), view.keys(), view.rows());
            }
        }
    }

    /** Runs due timers; returns whether any ran. */
    boolean fireTimers(long nowMillis) {
        boolean fired = false;
        for (Vertex vertex : vertices) {
            fired |= vertex.wake(nowMillis);
        }
        return fired;
    }

    /**
     * Tells every operator that the cluster completed (and, with recovery, stored) every epoch
     * below {@code clusterFrontier}.
     */
    void epochsCompleted(long clusterFrontier) throws Exception {
        for (Vertex vertex : vertices) {
            vertex.operator().onEpochsCompleted(clusterFrontier);
        }
    }

    /** Whether an operator waits to hear that its last epoch is complete cluster-wide. */
    boolean awaitsCompletion() {
        for (Vertex vertex : vertices) {
            if (vertex.operator().awaitsCompletion()) {
                return true;
            }
        }
        return false;
    }

    void flush() {
        for (Vertex vertex : vertices) {
            vertex.flushEdges();
        }
    }

    /** The largest epoch this worker's inputs have used (the start epoch before any). */
    long lastEpoch() {
        return lastEpoch;
    }

    /** Every epoch below this is complete on this worker. */
    long frontier() {
        long min = Vertex.DONE;
        for (Vertex vertex : vertices) {
            min = Math.min(min, vertex.frontier());
        }
        return min;
    }

    /** How long the worker may sleep if nothing arrives: until an epoch or timer is due. */
    long parkNanos(long nowNanos, long nowMillis, long clusterFrontier) {
        long wait = 20_000_000L;
        if (idleInput) {
            wait = Math.min(wait, 1_000_000L);
        }
        for (Vertex vertex : inputs) {
            long epoch = vertex.frontier();
            if (epoch != Vertex.DONE && clusterFrontier >= epoch) {
                long deadline = ((InputOperator) vertex.operator()).epochDeadlineNanos();
                if (deadline != Long.MAX_VALUE) {
                    wait = Math.min(wait, deadline - nowNanos);
                }
            }
        }
        for (Vertex vertex : vertices) {
            long wake = vertex.operator().nextWakeMillis();
            if (wake != Long.MAX_VALUE && vertex.frontier() != Vertex.DONE) {
                wait = Math.min(wait, (wake - nowMillis) * 1_000_000L);
            }
        }
        return Math.max(wait, 0);
    }

    WorkerRecovery recovery() {
        return recovery;
    }

    /** Closes every operator; returns the first failure, if any. */
    Throwable close() {
        Throwable first = null;
        for (int i = vertices.size() - 1; i >= 0; i--) {
            try {
                vertices.get(i).operator().close();
            } catch (Throwable t) {
                if (first == null) {
                    first = t;
                }
            }
        }
        return first;
    }
}
