package dev.rivulet;

import dev.rivulet.engine.StreamRef;
import dev.rivulet.engine.steps.CaptureStep;
import dev.rivulet.engine.steps.FilterStep;
import dev.rivulet.engine.steps.FlatMapStep;
import dev.rivulet.engine.steps.InspectStep;
import dev.rivulet.engine.steps.MapStep;
import dev.rivulet.engine.steps.OutputStep;
import dev.rivulet.engine.steps.ReduceFinalStep;
import dev.rivulet.engine.steps.ReduceStep;
import dev.rivulet.engine.steps.StatefulMapStep;
import dev.rivulet.fn.CompleteFn;
import dev.rivulet.fn.FilterFn;
import dev.rivulet.fn.FlatMapFn;
import dev.rivulet.fn.InspectFn;
import dev.rivulet.fn.MapFn;
import dev.rivulet.fn.ReduceFn;
import dev.rivulet.fn.StateBuilder;
import dev.rivulet.fn.StatefulMapper;
import dev.rivulet.io.Sink;
import java.util.Objects;

/**
 * A stream of {@link KV}{@code <K, V>} items. Stateless keyed operators ({@link #map},
 * {@link #filter}, {@link #flatMap}) work on the value and keep the key; stateful ones
 * ({@link #reduce}, {@link #statefulMap}, the window operators) keep one state per key, on the
 * worker that owns the key.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class KeyedStream<K, V> {
    private final Dataflow flow;
    private final StreamRef ref;

    KeyedStream(Dataflow flow, StreamRef ref) {
        this.flow = flow;
        this.ref = ref;
    }

    /**
     * Treats a stream of {@code KV}s as keyed.
     *
     * <pre>{@code
     * KeyedStream<String, Integer> keyed = KeyedStream.of(pairs);
     * }</pre>
     */
    public static <K, V> KeyedStream<K, V> of(DataStream<KV<K, V>> stream) {
        return new KeyedStream<>(stream.flow(), stream.ref());
    }

    /** The same items as a plain stream of {@code KV}s. */
    public DataStream<KV<K, V>> stream() {
        return new DataStream<>(flow, ref);
    }

    /** The flow this stream belongs to. */
    public Dataflow flow() {
        return flow;
    }

    /** Internal: which step output this stream is. */
    public StreamRef ref() {
        return ref;
    }

    private <K2, V2> KeyedStream<K2, V2> next(StreamRef next) {
        return new KeyedStream<>(flow, next);
    }

    private static <F> F fn(F function, String stepId, String what) {
        return Objects.requireNonNull(function, () -> "step '" + stepId + "': " + what + " is null");
    }

    /**
     * Maps each value, keeping its key.
     *
     * <pre>{@code
     * byWord.map("one", w -> 1L)   // ("a", "a") → ("a", 1)
     * }</pre>
     */
    public <W> KeyedStream<K, W> map(String stepId, MapFn<? super V, ? extends W> mapper) {
        return next(flow.add(new MapStep(stepId, ref, fn(mapper, stepId, "mapper"), true)));
    }

    /**
     * Keeps the items whose value {@code predicate} accepts.
     *
     * <pre>{@code
     * counts.filter("frequent", n -> n > 100)
     * }</pre>
     */
    public KeyedStream<K, V> filter(String stepId, FilterFn<? super V> predicate) {
        return next(flow.add(new FilterStep(stepId, ref, fn(predicate, stepId, "predicate"), true)));
    }

    /**
     * Maps each value to zero or more values, each keeping the key.
     *
     * <pre>{@code
     * orders.flatMap("lines", order -> order.lines())   // (customer, order) → (customer, line)…
     * }</pre>
     */
    public <W> KeyedStream<K, W> flatMap(String stepId, FlatMapFn<? super V, ? extends W> mapper) {
        return next(flow.add(new FlatMapStep(stepId, ref, fn(mapper, stepId, "mapper"), true)));
    }

    /**
     * Calls {@code inspector} on each {@code KV} for its side effect.
     *
     * <pre>{@code
     * counts.inspect("log", kv -> System.out.println(kv.key() + "=" + kv.value()))
     * }</pre>
     */
    public KeyedStream<K, V> inspect(String stepId, InspectFn<? super KV<K, V>> inspector) {
        return next(flow.add(new InspectStep(stepId, ref, fn(inspector, stepId, "inspector"))));
    }

    /**
     * Bytewax's {@code reduce}: per key, the first value becomes the accumulator, later ones are
     * folded in with {@code reducer}; whenever {@code isComplete} accepts the accumulator it is
     * emitted and the key's state is forgotten. Incomplete accumulators are never emitted.
     *
     * <pre>{@code
     * events.keyBy("user", e -> e.user()).map("wrap", e -> List.of(e))
     *       .reduce("session", (a, b) -> concat(a, b), s -> last(s).isLogout())
     * }</pre>
     */
    public KeyedStream<K, V> reduce(String stepId, ReduceFn<V> reducer, CompleteFn<? super V> isComplete) {
        return next(flow.add(new ReduceStep(stepId, ref, fn(reducer, stepId, "reducer"),
                fn(isComplete, stepId, "isComplete"))));
    }

    /**
     * Folds every value of a key with {@code reducer} and emits each key's final accumulator at
     * the end of input (keys unchanged since their last emission are not emitted again).
     *
     * <pre>{@code
     * byWord.map("one", w -> 1L).reduce("count", Long::sum)   // ("a", 3), ("b", 1), …
     * }</pre>
     */
    public KeyedStream<K, V> reduce(String stepId, ReduceFn<V> reducer) {
        return next(flow.add(new ReduceFinalStep(stepId, ref, fn(reducer, stepId, "reducer"))));
    }

    /**
     * Keeps a state per key: for each value, {@code mapper(state, value)} returns the new state and
     * the value to emit. A key without state starts from {@code builder.build()}; returning a
     * {@code null} state forgets it.
     *
     * <pre>{@code
     * byWord.statefulMap("running-count", () -> 0L,
     *         (count, word) -> StateUpdate.of(count + 1, count + 1))   // ("a", 1), ("a", 2), …
     * }</pre>
     */
    public <S, R> KeyedStream<K, R> statefulMap(String stepId, StateBuilder<? extends S> builder,
            StatefulMapper<S, ? super V, ? extends R> mapper) {
        return next(flow.add(new StatefulMapStep(stepId, ref, fn(builder, stepId, "builder"),
                fn(mapper, stepId, "mapper"))));
    }

    // Window operators (foldWindow, reduceWindow, collectWindow) are added below this line.

    /**
     * Writes every {@code KV} to {@code sink}; items continue downstream unchanged.
     *
     * <pre>{@code
     * counts.output("print", Sinks.stdout());
     * }</pre>
     */
    public KeyedStream<K, V> output(String stepId, Sink<? super KV<K, V>> sink) {
        Objects.requireNonNull(sink, () -> "output '" + stepId + "': sink is null");
        return next(flow.add(new OutputStep(stepId, ref, sink)));
    }

    /**
     * Captures every {@code KV} into the run's result and the notebook's live table (columns
     * {@code key} and {@code value}).
     *
     * <pre>{@code
     * counts.capture("counts");
     * }</pre>
     */
    public KeyedStream<K, V> capture(String stepId) {
        return next(flow.add(new CaptureStep(stepId, ref)));
    }
}
