package dev.rivulet.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A step on one worker: wraps its {@link Operator}, tracks the frontier of each of its sources
 * (one per local input, one per worker for an exchanged input), closes epochs when all sources
 * have passed them, and forwards its frontier downstream.
 *
 * <p>A batch of an epoch beyond the open one waits until that epoch opens, so an operator only
 * ever sees items of its current epoch and its snapshots are exact.
 */
final class Vertex {
    static final long DONE = Long.MAX_VALUE;

    private final Step step;
    private final Operator operator;
    private final StepStats stats;
    private final Outputs outputs;
    /** Each port's first sink (a fused stage or the emitter); see {@link #dropUnread}. */
    private final ItemSink[] heads;
    private final List<List<Edge>> edgesByPort = new ArrayList<>();
    private final long[] sourceFrontiers;
    private final int[] slotBase;
    private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
    private final boolean keepsSource;
    private long frontier;
    /** Per source slot: its last event-time watermark, and whether it is idle (watermark steps only). */
    private final long[] sourceWatermarks;
    private final boolean[] idleSources;
    private long watermark = Long.MIN_VALUE;

    /**
     * @param chains for each output port, the stateless steps fused onto it in order (the first
     *     may be this vertex's own step, whose items this vertex already counts)
     */
    Vertex(Step step, Operator operator, StepStats stats, int[] sourcesPerInput, long startEpoch,
            int batchSize, List<List<StatelessStep>> chains, Function<Step, StepStats> statsOf) {
        this.step = step;
        this.operator = operator;
        this.stats = stats;
        this.frontier = startEpoch;
        int total = 0;
        slotBase = new int[sourcesPerInput.length];
        for (int i = 0; i < sourcesPerInput.length; i++) {
            slotBase[i] = total;
            total += sourcesPerInput[i];
        }
        sourceFrontiers = new long[total];
        Arrays.fill(sourceFrontiers, startEpoch);
        sourceWatermarks = new long[total];
        Arrays.fill(sourceWatermarks, Long.MIN_VALUE);
        idleSources = new boolean[total];
        keepsSource = operator.keepsSource();
        Emitter[] emitters = new Emitter[step.outputPorts()];
        ItemSink[] heads = new ItemSink[emitters.length];
        List<Stage> stages = new ArrayList<>();
        for (int port = 0; port < emitters.length; port++) {
            List<Edge> edges = new ArrayList<>();
            edgesByPort.add(edges);
            emitters[port] = new Emitter(batch -> {
                for (Edge edge : edges) {
                    edge.data(batch);
                }
            }, batchSize);
            // Built back to front: each stage pushes into the one after it, the last into the emitter.
            ItemSink head = emitters[port];
            List<StatelessStep> chain = chains.get(port);
            for (int i = chain.size() - 1; i >= 0; i--) {
                StatelessStep fused = chain.get(i);
                Stage stage = fused.stage(head, fused == step ? null : statsOf.apply(fused));
                stages.add(stage);
                head = stage;
            }
            heads[port] = head;
        }
        this.heads = heads;
        this.outputs = new Outputs(heads, emitters, stages);
        outputs.epoch(startEpoch);
    }

    /**
     * Called once the graph is wired: a port that feeds nothing (an output step's, or a {@code late()}
     * stream nobody reads) drops its items instead of batching them for no one.
     */
    void dropUnread() {
        for (int port = 0; port < heads.length; port++) {
            if (edgesByPort.get(port).isEmpty() && heads[port] instanceof Emitter) {
                heads[port] = DROP;
            }
        }
    }

    private static final ItemSink DROP = new ItemSink() {
        @Override
        public void push(Object item) {
        }

        @Override
        public void pushKeyed(Object key, Object value) {
        }
    };

    String stepId() {
        return step.stepId();
    }

    String operatorName() {
        return step.operator();
    }

    Step step() {
        return step;
    }

    Operator operator() {
        return operator;
    }

    Outputs outputs() {
        return outputs;
    }

    long frontier() {
        return frontier;
    }

    void connect(int port, Edge edge) {
        edgesByPort.get(port).add(edge);
    }

    List<Edge> edges() {
        List<Edge> all = new ArrayList<>();
        edgesByPort.forEach(all::addAll);
        return all;
    }

    /**
     * Processes {@code batch} now, or keeps it until its epoch opens.
     *
     * @return whether the batch was kept (otherwise its arrays are free again when this returns,
     *     for the operators that do not keep them, such as window steps)
     */
    boolean onData(int input, Batch batch) {
        if (batch.epoch > frontier) {
            pending.add(new Object[] {input, batch});
            return true;
        }
        process(input, batch);
        return false;
    }

    private void process(int input, Batch batch) {
        stats.addIn(batch.size);
        outputs.epoch(batch.epoch);
        outputs.source(keepsSource ? batch.source : Batch.MIXED);
        try {
            operator.onBatch(input, batch, outputs);
        } catch (StepFailure failure) {
            throw failure;
        } catch (Throwable t) {
            throw StepFailure.during(step, "processing a batch", t);
        }
        outputs.flush();
    }

    void onSourceFrontier(int input, int source, long newFrontier) {
        int slot = slotBase[input] + source;
        if (newFrontier <= sourceFrontiers[slot]) {
            return;
        }
        sourceFrontiers[slot] = newFrontier;
        long min = DONE;
        for (long f : sourceFrontiers) {
            min = Math.min(min, f);
        }
        if (min > frontier) {
            advanceTo(min);
        }
    }

    /**
     * A sender of input {@code input} reports its event-time watermark (or that it is idle). The
     * step's watermark is the minimum over the non-idle slots; it never goes back, and stays put
     * while every slot is idle.
     */
    void onSourceWatermark(int input, int source, long newWatermark, boolean idle) {
        if (!pending.isEmpty()) {
            // It covers items that wait for their epoch: it must not overtake them.
            pending.add(new Object[] {input, new WatermarkUpdate(source, newWatermark, idle)});
            return;
        }
        applyWatermark(input, source, newWatermark, idle);
    }

    private record WatermarkUpdate(int source, long watermark, boolean idle) {
    }

    private void applyWatermark(int input, int source, long newWatermark, boolean idle) {
        int slot = slotBase[input] + source;
        sourceWatermarks[slot] = Math.max(sourceWatermarks[slot], newWatermark);
        idleSources[slot] = idle;
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (int i = 0; i < sourceWatermarks.length; i++) {
            if (!idleSources[i]) {
                min = Math.min(min, sourceWatermarks[i]);
                any = true;
            }
        }
        if (!any || min <= watermark || frontier == DONE) {
            return;
        }
        watermark = min;
        long advanced = min;
        outputs.epoch(frontier);
        outputs.source(Batch.MIXED);
        call(() -> operator.onWatermark(advanced, outputs), "advancing the watermark");
        outputs.flush();
    }

    /**
     * Closes every epoch below {@code target} (delivering waiting batches as their epochs open),
     * runs the end of input when {@code target} is {@link #DONE}, and forwards the frontier.
     */
    void advanceTo(long target) {
        if (target <= frontier) {
            return;
        }
        long last = target;
        if (target == DONE) {
            last = frontier;
            for (Object[] waiting : pending) {
                if (waiting[1] instanceof Batch batch) {
                    last = Math.max(last, batch.epoch);
                }
            }
        }
        while (frontier < last) {
            closeEpoch(frontier);
            frontier++;
            deliverPending();
        }
        if (target == DONE) {
            outputs.epoch(frontier);
            outputs.source(Batch.MIXED);
            call(() -> operator.onEof(outputs), "finishing at the end of input");
            outputs.flush();
            closeEpoch(frontier);
            frontier = DONE;
        }
        for (Edge edge : edges()) {
            edge.frontier(frontier);
        }
    }

    private void closeEpoch(long epoch) {
        outputs.epoch(epoch);
        outputs.source(Batch.MIXED);
        call(() -> operator.onEpochClose(epoch, outputs), "closing epoch " + epoch);
        outputs.flush();
    }

    private void deliverPending() {
        int n = pending.size();
        boolean kept = false;
        for (int i = 0; i < n; i++) {
            Object[] waiting = pending.poll();
            if (waiting[1] instanceof WatermarkUpdate update) {
                if (kept) {
                    pending.add(waiting);
                } else {
                    applyWatermark((Integer) waiting[0], update.source(), update.watermark(), update.idle());
                }
                continue;
            }
            Batch batch = (Batch) waiting[1];
            if (batch.epoch == frontier) {
                process((Integer) waiting[0], batch);
            } else {
                pending.add(waiting);
                kept = true;
            }
        }
    }

    /** Runs the operator's timers if they are due; returns whether it did. */
    boolean wake(long nowMillis) {
        if (frontier == DONE || operator.nextWakeMillis() > nowMillis) {
            return false;
        }
        outputs.epoch(frontier);
        outputs.source(Batch.MIXED);
        call(() -> operator.onWake(nowMillis, outputs), "running a timer");
        outputs.flush();
        return true;
    }

    void flushEdges() {
        for (List<Edge> edges : edgesByPort) {
            for (Edge edge : edges) {
                edge.flush();
            }
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private void call(Call call, String doing) {
        try {
            call.run();
        } catch (StepFailure failure) {
            throw failure;
        } catch (Throwable t) {
            throw StepFailure.during(step, doing, t);
        }
    }
}
