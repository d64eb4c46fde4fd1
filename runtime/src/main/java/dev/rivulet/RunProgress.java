package dev.rivulet;

import dev.rivulet.flow.FlowStep;
import dev.rivulet.engine.StepStats;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live counters of a run, readable while it goes on: pass one to
 * {@link RunOptions#progress(RunProgress)} and call {@link #snapshot()} from any thread, as often
 * as a display needs (a notebook's live table does, five times a second). The engine keeps it
 * current without touching the items' path: workers add to counters they keep anyway, inputs
 * report how far they have read a few times a second, and worker JVMs send their counters to the
 * parent four times a second.
 *
 * <p>{@link #watchState} asks for a "so far" view of stateful steps that emit only at the end
 * ({@code reduce(stepId, reducer)}, {@code countFinal}): while the run goes on, their number of
 * keys and the keys with the largest current values, which are not final results.
 *
 * <pre>{@code
 * RunProgress progress = new RunProgress().watchState("count");
 * Thread run = new Thread(() -> Rivulet.run(flow, 2, RunOptions.defaults().progress(progress)));
 * run.start();
 * RunProgress.Snapshot now = progress.snapshot();
 * now.itemsRead();        // input items read so far, over every worker
 * now.inputFraction();    // 0.35 when the inputs' sizes are known (lists, ranges, files), else NaN
 * now.state("count");     // the keys counted so far and the largest counts (not final)
 * }</pre>
 *
 * <p>Methods marked "Internal" feed it; they are called by the engine.
 */
public final class RunProgress {

    /** How many rows a "so far" view keeps per step. */
    public static final int STATE_ROWS = 10;

    /** Where a run is. */
    public enum Phase {
        /** Not started yet. */
        WAITING,
        /** Starting worker JVMs ({@link Snapshot#processesReady()} of {@link Snapshot#processes()}). */
        STARTING,
        /** Reading and processing items. */
        RUNNING,
        /** Over: done, failed or cancelled. */
        FINISHED
    }

    /**
     * One step's counters so far, summed over every worker and process.
     *
     * @param itemsIn items that entered the step
     * @param itemsOut items it emitted (for an input: the items it read)
     * @param lateItems items a window step found late
     * @param sizeTotal for an input: the summed known sizes of its partitions (their own unit:
     *     items for lists and ranges, bytes for files)
     * @param sizeConsumed for an input: how much of {@code sizeTotal} is read
     * @param unsizedParts for an input: how many of its partitions have no known size
     */
    public record StepProgress(String stepId, String operator, long itemsIn, long itemsOut, long lateItems,
            long sizeTotal, long sizeConsumed, long unsizedParts) {

        /** Whether this is an input step. */
        public boolean isInput() {
            return "input".equals(operator);
        }

        /** The fraction of the input read, 0 to 1, or NaN when its size is not known. */
        public double fractionRead() {
            if (!isInput() || unsizedParts > 0 || sizeTotal <= 0) {
                return Double.NaN;
            }
            return Math.min(1.0, (double) sizeConsumed / sizeTotal);
        }
    }

    /**
     * The current state of a step that emits only at the end, while the run goes on: not final.
     *
     * @param keys how many keys have state now
     * @param rows up to {@link #STATE_ROWS} keys with their current values, largest values first
     *     (when the values can be compared; otherwise in key order); values of types that may
     *     change under the reader (collections, arrays, beans) are not shown, only counted
     */
    public record StateSoFar(String stepId, long keys, List<KV<Object, Object>> rows) {
    }

    /**
     * The run as of one moment.
     *
     * @param processes the worker JVMs of the run (0 when it runs in this JVM)
     * @param processesReady how many of them are up
     * @param runningNanos how long the run has been in {@link Phase#RUNNING} (0 before)
     * @param steps every step's counters, in flow order
     * @param states the "so far" views asked for with {@link RunProgress#watchState}, by step id
     */
    public record Snapshot(Phase phase, int processes, int processesReady, long runningNanos,
            List<StepProgress> steps, Map<String, StateSoFar> states) {

        /** Input items read so far, over every input. */
        public long itemsRead() {
            long n = 0;
            for (StepProgress step : steps) {
                if (step.isInput()) {
                    n += step.itemsOut();
                }
            }
            return n;
        }

        /**
         * How far the inputs are, 0 to 1: the least advanced input's fraction (the run ends when
         * the last input does), or NaN when some input's size is not known.
         */
        public double inputFraction() {
            double least = Double.NaN;
            for (StepProgress step : steps) {
                if (step.isInput()) {
                    double f = step.fractionRead();
                    if (Double.isNaN(f)) {
                        return Double.NaN;
                    }
                    least = Double.isNaN(least) ? f : Math.min(least, f);
                }
            }
            return least;
        }

        /** The counters of step {@code stepId}. */
        public Optional<StepProgress> step(String stepId) {
            return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst();
        }

        /** The "so far" view of step {@code stepId}, when it was asked for and has state. */
        public Optional<StateSoFar> state(String stepId) {
            return Optional.ofNullable(states.get(stepId));
        }
    }

    /** One worker's latest view of a watched step. */
    private record Sample(long keys, List<KV<Object, Object>> rows) {
    }

    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private volatile List<FlowStep> steps = List.of();
    private volatile Phase phase = Phase.WAITING;
    private volatile int processes;
    private volatile int processesReady;
    private volatile long runningSince;
    private volatile long runningNanos;
    private volatile Map<String, StepStats> local = Map.of();
    private final Map<Integer, Map<String, long[]>> remote = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Sample>> samples = new ConcurrentHashMap<>();

    /** A progress view to pass to one run. */
    public RunProgress() {
    }

    /**
     * Also keeps a "so far" view of these steps' per-key state (for steps that emit only at the
     * end: {@code reduce(stepId, reducer)} and {@code countFinal}; others are ignored). Call
     * before the run starts.
     */
    public RunProgress watchState(String... stepIds) {
        watched.addAll(List.of(stepIds));
        return this;
    }

    /** The steps {@link #watchState} asked for. */
    public Set<String> watchedState() {
        return Set.copyOf(watched);
    }

    /** The run as of now. Safe from any thread. */
    public Snapshot snapshot() {
        List<StepProgress> list = new ArrayList<>();
        Map<String, StepStats> here = local;
        for (FlowStep step : steps) {
            long[] sum = new long[COUNTERS];
            StepStats s = here.get(step.stepId());
            if (s != null) {
                add(sum, counters(s));
            }
            for (Map<String, long[]> process : remote.values()) {
                long[] c = process.get(step.stepId());
                if (c != null) {
                    add(sum, c);
                }
            }
            list.add(new StepProgress(step.stepId(), step.operator(), sum[0], sum[1], sum[2], sum[3], sum[4], sum[5]));
        }
        Map<String, StateSoFar> states = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Map<Integer, Sample>> entry : samples.entrySet()) {
            long keys = 0;
            List<KV<Object, Object>> rows = new ArrayList<>();
            for (Sample sample : entry.getValue().values()) {
                keys += sample.keys();
                rows.addAll(sample.rows());
            }
            states.put(entry.getKey(), new StateSoFar(entry.getKey(), keys, topRows(rows, STATE_ROWS)));
        }
        long since = runningSince;
        long running = phase == Phase.RUNNING && since != 0 ? System.nanoTime() - since : runningNanos;
        return new Snapshot(phase, processes, processesReady, running, List.copyOf(list), Map.copyOf(states));
    }

    // ---- Internal: fed by the engine ------------------------------------------------------

    /** How many longs {@link #counters} holds per step: in, out, late, size, consumed, unsized. */
    public static final int COUNTERS = 6;

    /** Internal: the run of {@code flow} begins; {@code workerJvms} are starting (0: none). */
    public void starting(Dataflow flow, int workerJvms) {
        this.steps = List.copyOf(flow.steps());
        this.processes = workerJvms;
        this.phase = workerJvms > 0 ? Phase.STARTING : Phase.RUNNING;
        if (workerJvms == 0) {
            runningSince = System.nanoTime();
        }
    }

    /** Internal: {@code ready} worker JVMs are up. */
    public void processesReady(int ready) {
        processesReady = ready;
    }

    /** Internal: every worker JVM is up and the items flow. */
    public void running() {
        if (phase != Phase.RUNNING) {
            runningSince = System.nanoTime();
            phase = Phase.RUNNING;
        }
    }

    /** Internal: the run is over (whatever the outcome). */
    public void finished() {
        long since = runningSince;
        runningNanos = since == 0 ? 0 : System.nanoTime() - since;
        runningSince = 0;
        phase = Phase.FINISHED;
    }

    /** Internal: this JVM's live step counters (the map the workers add to). */
    public void localCounters(Map<String, StepStats> stats) {
        this.local = stats;
    }

    /** Internal: worker JVM {@code process}'s latest counters (see {@link #counters}). */
    public void remoteCounters(int process, Map<String, long[]> counters) {
        remote.put(process, counters);
    }

    /** Internal: this JVM's counters, per step, in the form {@link #remoteCounters} takes. */
    public Map<String, long[]> localCounterArrays() {
        Map<String, long[]> out = new java.util.LinkedHashMap<>();
        local.forEach((step, s) -> out.put(step, counters(s)));
        return out;
    }

    /** Internal: worker {@code worker}'s current view of the watched step {@code stepId}. */
    public void stateSample(String stepId, int worker, long keys, List<KV<Object, Object>> rows) {
        samples.computeIfAbsent(stepId, id -> new ConcurrentHashMap<>()).put(worker, new Sample(keys, List.copyOf(rows)));
    }

    /** Internal: calls {@code sink} with each worker's latest view of each watched step. */
    public void forEachStateSample(StateSampleSink sink) {
        samples.forEach((step, byWorker) -> byWorker.forEach((worker, s) -> sink.accept(step, worker, s.keys(), s.rows())));
    }

    /** Internal: receives state samples. */
    @FunctionalInterface
    public interface StateSampleSink {
        void accept(String stepId, int worker, long keys, List<KV<Object, Object>> rows);
    }

    private static long[] counters(StepStats s) {
        return new long[] {s.itemsIn(), s.itemsOut(), s.lateItems(), s.sizeTotal(), s.sizeConsumed(), s.unsizedParts()};
    }

    private static void add(long[] sum, long[] c) {
        for (int i = 0; i < COUNTERS && i < c.length; i++) {
            sum[i] += c[i];
        }
    }

    /**
     * Whether a "so far" view may show {@code value}: immutable kinds only (numbers, text, times,
     * booleans, enums, records), since the worker goes on changing its state while it is shown.
     */
    public static boolean isShowable(Object value) {
        return value instanceof Number || value instanceof CharSequence || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?> || value instanceof TemporalAccessor
                || value instanceof Record;
    }

    /** Largest values first (when comparable), then by key; anything incomparable by its text. */
    public static final Comparator<KV<Object, Object>> LARGEST_FIRST = (a, b) -> {
        int byValue = compare(b.value(), a.value());
        return byValue != 0 ? byValue : compare(a.key(), b.key());
    };

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof Comparable ca && b != null && a.getClass() == b.getClass()) {
            try {
                return ca.compareTo(b);
            } catch (RuntimeException e) {
                // fall through to the text
            }
        }
        if (a instanceof Number na && b instanceof Number nb) {
            return Double.compare(na.doubleValue(), nb.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** The first {@code n} of {@code rows} in {@link #LARGEST_FIRST} order. */
    public static List<KV<Object, Object>> topRows(Collection<KV<Object, Object>> rows, int n) {
        PriorityQueue<KV<Object, Object>> smallestOnTop = new PriorityQueue<>(LARGEST_FIRST.reversed());
        for (KV<Object, Object> row : rows) {
            offer(smallestOnTop, row, n);
        }
        List<KV<Object, Object>> top = new ArrayList<>(smallestOnTop);
        top.sort(LARGEST_FIRST);
        return top;
    }

    /** Keeps the {@code n} largest rows in {@code heap} (its head is the smallest kept). */
    public static void offer(PriorityQueue<KV<Object, Object>> heap, KV<Object, Object> row, int n) {
        if (heap.size() < n) {
            heap.add(row);
        } else if (LARGEST_FIRST.compare(row, heap.peek()) < 0) {
            heap.poll();
            heap.add(row);
        }
    }
}
