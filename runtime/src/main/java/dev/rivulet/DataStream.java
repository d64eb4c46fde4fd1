package dev.rivulet;

import dev.rivulet.flow.Operation;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.FilterFn;
import dev.rivulet.fn.FilterMapFn;
import dev.rivulet.fn.FlatMapFn;
import dev.rivulet.fn.InspectEpochFn;
import dev.rivulet.fn.InspectFn;
import dev.rivulet.fn.KeyFn;
import dev.rivulet.fn.MapFn;
import dev.rivulet.fn.ReduceFn;
import dev.rivulet.io.Sink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stream of items of type {@code T} in a {@link Dataflow}. Each operator adds a step and
 * returns the resulting stream; stateless operators run on the worker where the item is.
 *
 * @param <T> the item type
 */
public final class DataStream<T> {
    private final Dataflow flow;
    private final StreamRef ref;

    DataStream(Dataflow flow, StreamRef ref) {
        this.flow = flow;
        this.ref = ref;
    }

    /** The flow this stream belongs to. */
    public Dataflow flow() {
        return flow;
    }

    /** Internal: which step output this stream is. */
    public StreamRef ref() {
        return ref;
    }

    private <R> DataStream<R> next(StreamRef next) {
        return new DataStream<>(flow, next);
    }

    private static <F> F fn(F function, String stepId, String what) {
        return Objects.requireNonNull(function, () -> "step '" + stepId + "': " + what + " is null");
    }

    /**
     * One item in, one item out.
     *
     * <pre>{@code
     * flow.input("inp", Sources.testing(List.of(0, 1, 2))).map("add-one", x -> x + 1)   // 1, 2, 3
     * }</pre>
     */
    public <R> DataStream<R> map(String stepId, MapFn<? super T, ? extends R> mapper) {
        return next(flow.add(stepId, ref, new Operation.Map(fn(mapper, stepId, "mapper"), false)));
    }

    /**
     * One item in, every element of the returned iterable out (in order).
     *
     * <pre>{@code
     * lines.flatMap("split", line -> List.of(line.split(" ")))   // "split this" → "split", "this"
     * }</pre>
     */
    public <R> DataStream<R> flatMap(String stepId, FlatMapFn<? super T, ? extends R> mapper) {
        return next(flow.add(stepId, ref, new Operation.FlatMap(fn(mapper, stepId, "mapper"), false)));
    }

    /**
     * Keeps the items for which {@code predicate} is true.
     *
     * <pre>{@code
     * numbers.filter("odd", x -> x % 2 == 1)   // 1, 2, 3 → 1, 3
     * }</pre>
     */
    public DataStream<T> filter(String stepId, FilterFn<? super T> predicate) {
        return next(flow.add(stepId, ref, new Operation.Filter(fn(predicate, stepId, "predicate"), false)));
    }

    /**
     * Maps each item and drops the {@code null} results.
     *
     * <pre>{@code
     * numbers.filterMap("even-plus-one", x -> x % 2 == 0 ? x + 1 : null)   // 0..5 → 1, 3, 5
     * }</pre>
     */
    public <R> DataStream<R> filterMap(String stepId, FilterMapFn<? super T, ? extends R> mapper) {
        return next(flow.add(stepId, ref, new Operation.FilterMap(fn(mapper, stepId, "mapper"))));
    }

    /**
     * Calls {@code inspector} on each item for its side effect; items pass unchanged.
     *
     * <pre>{@code
     * words.inspect("log", w -> System.out.println("saw " + w))
     * }</pre>
     */
    public DataStream<T> inspect(String stepId, InspectFn<? super T> inspector) {
        return next(flow.add(stepId, ref, new Operation.Inspect(fn(inspector, stepId, "inspector"))));
    }

    /**
     * Like {@link #inspect} but also receives the item's epoch.
     *
     * <pre>{@code
     * numbers.inspectEpoch("log", (epoch, x) -> System.out.println("Saw " + x + " @ " + epoch))
     * }</pre>
     */
    public DataStream<T> inspectEpoch(String stepId, InspectEpochFn<? super T> inspector) {
        return next(flow.add(stepId, ref, new Operation.InspectEpoch(fn(inspector, stepId, "inspector"))));
    }

    /**
     * Keys each item: the result carries {@code KV(key(item), item)} and opens the keyed
     * operators (reduce, statefulMap, windows). The key decides which worker owns its state; it
     * must hash the same in every JVM (see {@link StableHash}) or the step fails naming the class.
     *
     * <pre>{@code
     * KeyedStream<String, String> byWord = words.keyBy("by-word", w -> w);
     * }</pre>
     */
    public <K> KeyedStream<K, T> keyBy(String stepId, KeyFn<? super T, ? extends K> key) {
        return new KeyedStream<>(flow, flow.add(stepId, ref, new Operation.KeyBy(fn(key, stepId, "key function"))));
    }

    /**
     * Bytewax's {@code count_final}: counts the items per key and emits {@code KV(key, count)}
     * for every key at the end of input. Each worker counts its own items first and sends one
     * partial count per key and epoch to the key's owner, so counting scales with workers and
     * processes. Built from two steps: {@code <id>/combine} (keys and pre-counts on each worker;
     * key errors name it) and {@code <id>} (a reduce, whose state recovery keeps).
     *
     * <pre>{@code
     * words.countFinal("count", w -> w).capture("counts")   // ("a", 3), ("b", 1), …
     * }</pre>
     */
    public <K> KeyedStream<K, Long> countFinal(String stepId, KeyFn<? super T, ? extends K> key) {
        Objects.requireNonNull(key, () -> "step '" + stepId + "': key function is null");
        ReduceFn<Long> sum = Long::sum;
        StreamRef partials = flow.add(stepId + "/combine", ref, Operation.Combine.counting(key));
        return new KeyedStream<>(flow, flow.add(stepId, partials, new Operation.ReduceFinal(sum)));
    }

    /**
     * The items of this stream and of {@code others} as one stream.
     *
     * <pre>{@code
     * DataStream<String> all = clicks.merge("all-events", views);
     * }</pre>
     */
    @SafeVarargs
    public final DataStream<T> merge(String stepId, DataStream<T>... others) {
        List<StreamRef> inputs = new ArrayList<>();
        inputs.add(ref);
        for (DataStream<T> other : others) {
            if (other.flow != flow) {
                throw new FlowDefinitionException("merge '" + stepId + "': all streams must belong"
                        + " to flow '" + flow.name() + "'");
            }
            inputs.add(other.ref);
        }
        return next(flow.add(stepId, inputs, new Operation.Merge()));
    }

    /**
     * Splits the stream in two by {@code predicate}.
     *
     * <pre>{@code
     * Branch<Integer> parts = numbers.branch("even-odd", x -> x % 2 == 0);
     * parts.trues().capture("evens");
     * parts.falses().capture("odds");
     * }</pre>
     */
    public Branch<T> branch(String stepId, FilterFn<? super T> predicate) {
        StreamRef trues = flow.add(stepId, ref, new Operation.Branch(fn(predicate, stepId, "predicate")));
        return new Branch<>(next(trues), next(new StreamRef(trues.step(), 1)));
    }

    /**
     * Writes every item to {@code sink}; the items also continue downstream unchanged.
     *
     * <pre>{@code
     * words.output("print", Sinks.stdout());
     * }</pre>
     */
    public DataStream<T> output(String stepId, Sink<? super T> sink) {
        Objects.requireNonNull(sink, () -> "output '" + stepId + "': sink is null");
        return next(flow.add(stepId, ref, new Operation.Output(sink)));
    }

    /**
     * Captures every item into the run's result ({@link RunResult#captured(String)}), and in a
     * notebook into the live table. Items continue downstream unchanged.
     *
     * <pre>{@code
     * counts.capture("out");
     * List<Object> items = Rivulet.runMain(flow).captured("out");
     * }</pre>
     */
    public DataStream<T> capture(String stepId) {
        return next(flow.add(stepId, ref, new Operation.Capture()));
    }

    /** Which step this stream is, in which flow: {@code DataStream of step 'split' (flatMap), step 2 of 7 in flow 'wordcount'}. */
    @Override
    public String toString() {
        return flow.streamText("DataStream", ref);
    }
}
