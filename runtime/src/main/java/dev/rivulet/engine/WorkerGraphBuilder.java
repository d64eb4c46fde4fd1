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
 * Builds one worker's {@link WorkerGraph}: opens every operator (inputs first), fuses stateless
 * steps into the outputs feeding them, makes a {@link Vertex} per remaining step, wires local and
 * exchange edges, and plans which partition clocks each data-driven watermark follows.
 *
 * <p>It adds what it makes to the graph's lists as it goes, so when opening fails half-way the
 * graph still closes every operator opened so far.
 */
final class WorkerGraphBuilder {
    /** {@code -Drivulet.fusion=false} gives every step its own vertex (for diagnosing the engine). */
    static final boolean FUSION = !"false".equals(System.getProperty("rivulet.fusion"));

    private final List<Step> steps;
    private final WorkerInfo worker;
    private final Transport transport;
    private final RunSettings settings;
    private final WorkerRecovery recovery;
    private final long startEpoch;
    private final List<Vertex> vertices;
    private final List<Vertex> inputs;
    private final List<ExchangeEdge> exchanges;
    private final List<Vertex> watched;
    private final Map<Vertex, List<PartitionClock>> clocksOf = new HashMap<>();
    /** Per vertex, its upstream vertices whose batches keep their partition (null: they do not). */
    private final Map<Vertex, List<Vertex>> upstreams = new HashMap<>();
    private final Map<WatermarkSender, Vertex> senders = new java.util.LinkedHashMap<>();
    private int nextTag;

    /**
     * @param vertices receives every vertex, in step order
     * @param inputs receives the vertices of input steps
     * @param exchanges receives the exchange edges, numbered in step order (so every worker in
     *     every process agrees on their ids)
     * @param watched receives the vertices whose state a progress display watches
     */
    WorkerGraphBuilder(List<Step> steps, WorkerInfo worker, Transport transport, RunSettings settings,
            WorkerRecovery recovery, long startEpoch, List<Vertex> vertices, List<Vertex> inputs,
            List<ExchangeEdge> exchanges, List<Vertex> watched) {
        this.steps = steps;
        this.worker = worker;
        this.transport = transport;
        this.settings = settings;
        this.recovery = recovery;
        this.startEpoch = startEpoch;
        this.vertices = vertices;
        this.inputs = inputs;
        this.exchanges = exchanges;
        this.watched = watched;
    }

    /**
     * Creates and opens every operator, fuses stateless steps into the outputs feeding them, then
     * wires the edges.
     */
    void build() throws Exception {
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
        for (Vertex vertex : vertices) {
            vertex.dropUnread();
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
