package dev.rivulet.engine;

import dev.rivulet.CaptureListener;
import dev.rivulet.EpochConfig;
import dev.rivulet.engine.steps.InputStep;
import dev.rivulet.flow.StreamRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The whole flow instantiated on one worker: a {@link Vertex} per step, wired with local and
 * exchange edges. Exchange edges are numbered in step order, so every worker in every process
 * agrees on their ids.
 */
final class WorkerGraph {
    /** {@code -Drivulet.fusion=false} gives every step its own vertex (for diagnosing the engine). */
    static final boolean FUSION = !"false".equals(System.getProperty("rivulet.fusion"));

    private final List<Step> steps;
    private final WorkerInfo worker;
    private final Transport transport;
    private final RunSettings settings;
    private final WorkerRecovery recovery;
    private final long startEpoch;
    private long lastEpoch;
    private final List<Vertex> vertices = new ArrayList<>();
    private final List<Vertex> inputs = new ArrayList<>();
    private final List<ExchangeEdge> exchanges = new ArrayList<>();
    private final Map<Vertex, List<PartitionClock>> clocksOf = new HashMap<>();
    /** Per vertex, its upstream vertices whose batches keep their partition (null: they do not). */
    private final Map<Vertex, List<Vertex>> upstreams = new HashMap<>();
    private final Map<WatermarkSender, Vertex> senders = new java.util.LinkedHashMap<>();
    private int nextTag;
    /** The vertices whose state a progress display watches (see {@link #sampleState}). */
    private final List<Vertex> watched = new ArrayList<>();
    private long nextStateSampleNanos;
    private boolean idleInput;

    WorkerGraph(List<Step> steps, WorkerInfo worker, Transport transport, RunSettings settings,
            long startEpoch) {
        this.steps = steps;
        this.worker = worker;
        this.transport = transport;
        this.settings = settings;
        this.recovery = settings.recovery().worker(worker.index());
        this.startEpoch = startEpoch;
        this.lastEpoch = startEpoch;
    }

    /**
     * Creates and opens every operator, fuses stateless steps into the outputs feeding them, then
     * wires the edges.
     */
    void open() throws Exception {
        List<Router[]> routers = new ArrayList<>();
        for (Step step : steps) {
            Router[] stepRouters = new Router[step.inputs().size()];
            for (int i = 0; i < stepRouters.length; i++) {
                stepRouters[i] = step.router(i, worker);
            }
            routers.add(stepRouters);
        }
        boolean[] keepTogether = inputsFeedingWatermarks();
        // Inputs open first: whether one balances its batches over workers (it has fewer
        // partitions than workers) decides whether the steps after it can be fused onto it.
        Operator[] opened = new Operator[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            if (step instanceof InputStep) {
                Operator operator = step.createOperator(worker);
                if (keepTogether[s]) {
                    ((InputOperator) operator).keepPartitionsTogether();
                }
                operator.open(new Context(step, statsOf(step)));
                opened[s] = operator;
            }
        }
        StreamRef[] fusedInto = fusion(routers, opened);
        // A fused step is the only reader of its input, so each stream has at most one follower.
        Map<StreamRef, Integer> follower = new HashMap<>();
        for (int t = 0; t < fusedInto.length; t++) {
            if (fusedInto[t] != null) {
                follower.put(fusedInto[t], t);
            }
        }
        Vertex[] vertexOf = new Vertex[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            if (fusedInto[s] != null) {
                continue; // runs as a stage in its root's vertex, which registers its stats
            }
            Step step = steps.get(s);
            StepStats stats = statsOf(step);
            Router[] stepRouters = routers.get(s);
            int[] sources = new int[stepRouters.length];
            for (int i = 0; i < stepRouters.length; i++) {
                boolean exchanged = stepRouters[i] != null
                        || (worker.count() > 1 && isInput(step.inputs().get(i)));
                sources[i] = exchanged ? worker.count() : 1;
            }
            Operator operator = opened[s] != null ? opened[s] : step.createOperator(worker);
            Vertex vertex = new Vertex(step, operator, stats, sources, startEpoch, settings.batchSize(),
                    chains(s, follower), this::statsOf);
            vertices.add(vertex);
            vertexOf[s] = vertex;
            if (operator instanceof InputOperator) {
                inputs.add(vertex);
            }
            if (settings.progress() != null && settings.progress().watchedState().contains(step.stepId())) {
                watched.add(vertex);
            }
            if (opened[s] == null) {
                operator.open(new Context(step, stats));
            }
            if (operator instanceof InputOperator input) {
                List<PartitionClock> clocks = input.partitionClocks(nextTag);
                nextTag += clocks.size();
                clocksOf.put(vertex, clocks);
            }
        }
        for (int s = 0; s < steps.size(); s++) {
            if (fusedInto[s] != null) {
                continue;
            }
            Step step = steps.get(s);
            Vertex target = vertexOf[s];
            for (int i = 0; i < step.inputs().size(); i++) {
                StreamRef ref = step.inputs().get(i);
                // A fused step's output is the end of the chain on its root vertex's port.
                StreamRef root = ref;
                while (fusedInto[root.step()] != null) {
                    root = fusedInto[root.step()];
                }
                Vertex source = vertexOf[root.step()];
                Router router = routers.get(s)[i];
                Edge edge;
                boolean keepsPartitions = false;
                if (router != null) {
                    WatermarkSender watermarks = step.inputWatermark() == null ? null
                            : new WatermarkSender(step, step.inputWatermark());
                    ExchangeEdge exchange = exchange(router, target, i, watermarks);
                    if (watermarks != null) {
                        senders.put(watermarks, source);
                    }
                    edge = exchange;
                } else if (worker.count() > 1 && isInput(ref)) {
                    boolean balance = ((InputOperator) source.operator()).balance();
                    edge = exchange(balance ? null : ExchangeEdge.SELF, target, i, null);
                    keepsPartitions = !balance;
                } else {
                    edge = new LocalEdge(target, i);
                    keepsPartitions = true;
                }
                source.connect(root.port(), edge);
                upstreams.computeIfAbsent(target, v -> new ArrayList<>()).add(keepsPartitions ? source : null);
            }
        }
        senders.forEach((watermarks, source) -> {
            List<PartitionClock> clocks = new ArrayList<>();
            boolean mixed = partitionsBehind(source, clocks, new java.util.HashSet<>());
            watermarks.track(clocks, mixed);
        });
    }

    /**
     * Collects the partition clocks of this worker's inputs whose items reach {@code vertex} with
     * their partition known; returns whether items without a partition may reach it too.
     */
    private boolean partitionsBehind(Vertex vertex, List<PartitionClock> out, java.util.Set<Vertex> seen) {
        if (!seen.add(vertex)) {
            return false;
        }
        if (vertex.operator() instanceof InputOperator) {
            out.addAll(clocksOf.getOrDefault(vertex, List.of()));
            return false;
        }
        if (!vertex.operator().keepsSource()) {
            return true;
        }
        boolean mixed = false;
        for (Vertex upstream : upstreams.getOrDefault(vertex, List.of())) {
            mixed |= upstream == null || partitionsBehind(upstream, out, seen);
        }
        return mixed;
    }

    /**
     * For each step, whether it is an input that feeds a data-driven watermark step through steps
     * that keep partitions: such an input is not balanced over workers.
     */
    private boolean[] inputsFeedingWatermarks() {
        boolean[] keep = new boolean[steps.size()];
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        for (int s = 0; s < steps.size(); s++) {
            if (steps.get(s).inputWatermark() != null) {
                todo.add(s);
            }
        }
        boolean[] seen = new boolean[steps.size()];
        while (!todo.isEmpty()) {
            int s = todo.poll();
            for (StreamRef ref : steps.get(s).inputs()) {
                int up = ref.step();
                if (seen[up]) {
                    continue;
                }
                seen[up] = true;
                if (steps.get(up) instanceof InputStep) {
                    keep[up] = true;
                } else if (steps.get(up).keepsPartitions()) {
                    todo.add(up);
                }
            }
        }
        return keep;
    }

    private StepStats statsOf(Step step) {
        return settings.stats().computeIfAbsent(step.stepId(), id -> new StepStats(id, step.operator()));
    }

    /**
     * For each step, the stream it is fused onto, or {@code null} if it gets a vertex: a stateless
     * step is fused when its input stays on this worker and feeds no other step. An input's
     * items stay on this worker unless it balances them over workers ({@code opened} holds the
     * opened input operators, which know).
     */
    private StreamRef[] fusion(List<Router[]> routers, Operator[] opened) {
        Map<StreamRef, Integer> consumers = new HashMap<>();
        for (Step step : steps) {
            for (StreamRef ref : step.inputs()) {
                consumers.merge(ref, 1, Integer::sum);
            }
        }
        StreamRef[] fusedInto = new StreamRef[steps.size()];
        if (!FUSION) {
            return fusedInto;
        }
        for (int s = 0; s < steps.size(); s++) {
            if (steps.get(s) instanceof StatelessStep stateless) {
                StreamRef ref = stateless.inputs().get(0);
                boolean balanced = worker.count() > 1 && isInput(ref)
                        && ((InputOperator) opened[ref.step()]).balance();
                boolean local = routers.get(s)[0] == null && !balanced;
                if (local && consumers.get(ref) == 1) {
                    fusedInto[s] = ref;
                }
            }
        }
        return fusedInto;
    }

    /** For each output port of step {@code s}, the stateless steps that run on it, in order. */
    private List<List<StatelessStep>> chains(int s, Map<StreamRef, Integer> follower) {
        Step step = steps.get(s);
        List<List<StatelessStep>> chains = new ArrayList<>();
        for (int port = 0; port < step.outputPorts(); port++) {
            List<StatelessStep> chain = new ArrayList<>();
            if (port == 0 && step instanceof StatelessStep own) {
                chain.add(own);
            }
            for (Integer t = follower.get(new StreamRef(s, port)); t != null; t = follower.get(new StreamRef(t, 0))) {
                chain.add((StatelessStep) steps.get(t));
            }
            chains.add(chain);
        }
        return chains;
    }

    private boolean isInput(StreamRef ref) {
        return steps.get(ref.step()) instanceof InputStep;
    }

    private ExchangeEdge exchange(Router router, Vertex target, int input, WatermarkSender watermarks) {
        ExchangeEdge edge = new ExchangeEdge(exchanges.size(), router, target, input,
                worker.index(), worker.count(), transport, settings.batchSize(), watermarks);
        exchanges.add(edge);
        return edge;
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

    private final class Context implements OperatorContext {
        private final Step step;
        private final StepStats stats;

        Context(Step step, StepStats stats) {
            this.step = step;
            this.stats = stats;
        }

        @Override
        public String stepId() {
            return step.stepId();
        }

        @Override
        public int workerIndex() {
            return worker.index();
        }

        @Override
        public int workerCount() {
            return worker.count();
        }

        @Override
        public EpochConfig epochConfig() {
            return settings.epochs();
        }

        @Override
        public long resumeEpoch() {
            return startEpoch;
        }

        @Override
        public Map<Object, Object> resumeState(Predicate<Object> owned) {
            return recovery.load(step.stepId(), owned);
        }

        @Override
        public void snapshot(Object key, long epoch, Object state) {
            recovery.snapshot(step.stepId(), key, epoch, state);
        }

        @Override
        public StepStats stats() {
            return stats;
        }

        @Override
        public CaptureListener captureListener() {
            return settings.captureListener();
        }
    }
}
