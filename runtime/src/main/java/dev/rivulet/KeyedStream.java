package dev.rivulet;

import dev.rivulet.flow.Operation;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.CompleteFn;
import dev.rivulet.fn.FilterFn;
import dev.rivulet.fn.FlatMapFn;
import dev.rivulet.fn.FoldFn;
import dev.rivulet.fn.InspectFn;
import dev.rivulet.fn.LongFoldFn;
import dev.rivulet.fn.MapFn;
import dev.rivulet.fn.ReduceFn;
import dev.rivulet.fn.StateBuilder;
import dev.rivulet.fn.StatefulMapper;
import dev.rivulet.io.Sink;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.WindowResult;
import dev.rivulet.window.Windower;
import java.util.List;
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
public sealed class KeyedStream<K, V> permits WindowedStream {
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
        return next(flow.add(stepId, ref, new Operation.Map(fn(mapper, stepId, "mapper"), true)));
    }

    /**
     * Keeps the items whose value {@code predicate} accepts.
     *
     * <pre>{@code
     * counts.filter("frequent", n -> n > 100)
     * }</pre>
     */
    public KeyedStream<K, V> filter(String stepId, FilterFn<? super V> predicate) {
        return next(flow.add(stepId, ref, new Operation.Filter(fn(predicate, stepId, "predicate"), true)));
    }

    /**
     * Maps each value to zero or more values, each keeping the key.
     *
     * <pre>{@code
     * orders.flatMap("lines", order -> order.lines())   // (customer, order) → (customer, line)…
     * }</pre>
     */
    public <W> KeyedStream<K, W> flatMap(String stepId, FlatMapFn<? super V, ? extends W> mapper) {
        return next(flow.add(stepId, ref, new Operation.FlatMap(fn(mapper, stepId, "mapper"), true)));
    }

    /**
     * Calls {@code inspector} on each {@code KV} for its side effect.
     *
     * <pre>{@code
     * counts.inspect("log", kv -> System.out.println(kv.key() + "=" + kv.value()))
     * }</pre>
     */
    public KeyedStream<K, V> inspect(String stepId, InspectFn<? super KV<K, V>> inspector) {
        return next(flow.add(stepId, ref, new Operation.Inspect(fn(inspector, stepId, "inspector"))));
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
        return next(flow.add(stepId, ref, new Operation.Reduce(fn(reducer, stepId, "reducer"),
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
        return next(flow.add(stepId, ref, new Operation.ReduceFinal(fn(reducer, stepId, "reducer"))));
    }

    /**
     * Keeps a state per key: for each value, {@code mapper(state, value)} returns the new state and
     * the value to emit. A key without state starts from {@code builder.build()}, which may be
     * {@code null} — "no state yet", as Bytewax's {@code lambda: None}: the mapper then receives
     * {@code null}; returning a {@code null} state forgets the key.
     *
     * <pre>{@code
     * byWord.statefulMap("running-count", () -> 0L,
     *         (count, word) -> StateUpdate.of(count + 1, count + 1))   // ("a", 1), ("a", 2), …
     * }</pre>
     */
    public <S, R> KeyedStream<K, R> statefulMap(String stepId, StateBuilder<? extends S> builder,
            StatefulMapper<S, ? super V, ? extends R> mapper) {
        return next(flow.add(stepId, ref, new Operation.StatefulMap(fn(builder, stepId, "builder"),
                fn(mapper, stepId, "mapper"))));
    }

    /**
     * Folds each key's values per window: every window starts from {@code builder.build()} and
     * takes its values with {@code folder}; when the window closes its accumulator is emitted as
     * a {@link WindowResult} (start, end, value, window id). Items too late for their windows are
     * counted in the step's statistics and available as {@link WindowedStream#late()}.
     *
     * <p>Session windows can merge; without a merger (see the other overload) a session's values
     * are kept and folded in item-time order when it closes.
     *
     * <pre>{@code
     * clicks.foldWindow("pages-per-minute",
     *         WindowClock.eventTime(Click::at, Duration.ofSeconds(5)),
     *         Windower.tumbling(Duration.ofMinutes(1), Instant.EPOCH),
     *         HashSet::new, (pages, click) -> { pages.add(click.page()); return pages; })
     * }</pre>
     */
    public <A> WindowedStream<K, V, A> foldWindow(String stepId, WindowClock<? super V> clock, Windower windower,
            StateBuilder<? extends A> builder, FoldFn<A, ? super V> folder) {
        return windowed(stepId, new Operation.FoldWindow(fn(clock, stepId, "clock"), fn(windower, stepId, "windower"),
                fn(builder, stepId, "builder"), fn(folder, stepId, "folder"), null));
    }

    /**
     * {@link #foldWindow(String, WindowClock, Windower, StateBuilder, FoldFn)} with a
     * {@code merger} that combines the accumulators of two sessions an item bridges (earlier
     * session first), so session windows fold eagerly instead of buffering their values.
     *
     * <pre>{@code
     * visits.foldWindow("visit-length", WindowClock.eventTime(Visit::at, Duration.ZERO),
     *         Windower.session(Duration.ofMinutes(30)),
     *         () -> 0L, (n, visit) -> n + 1, Long::sum)
     * }</pre>
     */
    public <A> WindowedStream<K, V, A> foldWindow(String stepId, WindowClock<? super V> clock, Windower windower,
            StateBuilder<? extends A> builder, FoldFn<A, ? super V> folder, ReduceFn<A> merger) {
        return windowed(stepId, new Operation.FoldWindow(fn(clock, stepId, "clock"), fn(windower, stepId, "windower"),
                fn(builder, stepId, "builder"), fn(folder, stepId, "folder"), fn(merger, stepId, "merger")));
    }

    /**
     * {@link #foldWindow(String, WindowClock, Windower, StateBuilder, FoldFn)} into a primitive
     * {@code long} that starts at {@code initial}: counts, sums, bit sets. The accumulator is
     * updated in place, so folding an item allocates nothing (a {@code FoldFn<Long, V>} boxes a
     * new {@code Long} per item); the windows' values are {@code Long}s as with the boxed fold.
     *
     * <pre>{@code
     * payments.foldWindow("amount-per-second", WindowClock.watermarkMillis(Payment::at, Duration.ofMillis(50)),
     *         Windower.tumbling(Duration.ofSeconds(1), Instant.EPOCH),
     *         0L, (sum, payment) -> sum + payment.cents())
     * }</pre>
     */
    public WindowedStream<K, V, Long> foldWindow(String stepId, WindowClock<? super V> clock, Windower windower,
            long initial, LongFoldFn<? super V> folder) {
        StateBuilder<Long> builder = () -> initial;
        return windowed(stepId, new Operation.FoldWindow(fn(clock, stepId, "clock"), fn(windower, stepId, "windower"),
                builder, fn(folder, stepId, "folder"), null));
    }

    /**
     * Reduces each key's values per window with {@code reducer} (the first value is the start);
     * emits a {@link WindowResult} when the window closes. The reducer should be associative:
     * merged sessions are combined with it.
     *
     * <pre>{@code
     * readings.map("value", Reading::value)   // KeyedStream<String, Double>
     *         .reduceWindow("max", WindowClock.systemTime(),
     *                 Windower.tumbling(Duration.ofSeconds(10), Instant.EPOCH), Math::max)
     * }</pre>
     */
    public WindowedStream<K, V, V> reduceWindow(String stepId, WindowClock<? super V> clock, Windower windower,
            ReduceFn<V> reducer) {
        return windowed(stepId, new Operation.ReduceWindow(fn(clock, stepId, "clock"), fn(windower, stepId, "windower"),
                fn(reducer, stepId, "reducer")));
    }

    /**
     * Collects each key's values per window into a list sorted by item time (ties keep arrival
     * order), emitted as a {@link WindowResult} when the window closes.
     *
     * <pre>{@code
     * events.collectWindow("per-session", WindowClock.eventTime(Event::at, Duration.ofSeconds(1)),
     *         Windower.session(Duration.ofMinutes(5)))
     * }</pre>
     */
    public WindowedStream<K, V, List<V>> collectWindow(String stepId, WindowClock<? super V> clock,
            Windower windower) {
        return windowed(stepId, new Operation.CollectWindow(fn(clock, stepId, "clock"),
                fn(windower, stepId, "windower")));
    }

    private <R> WindowedStream<K, V, R> windowed(String stepId, Operation.Window window) {
        return new WindowedStream<>(flow, flow.add(stepId, ref, window));
    }


    /**
     * Writes every {@code KV} to {@code sink}; items continue downstream unchanged.
     *
     * <pre>{@code
     * counts.output("print", Sinks.stdout());
     * }</pre>
     */
    public KeyedStream<K, V> output(String stepId, Sink<? super KV<K, V>> sink) {
        Objects.requireNonNull(sink, () -> "output '" + stepId + "': sink is null");
        return next(flow.add(stepId, ref, new Operation.Output(sink)));
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
        return next(flow.add(stepId, ref, new Operation.Capture()));
    }

    /** Which step this stream is, in which flow: {@code KeyedStream of step 'split' (flatMap), step 2 of 7 in flow 'wordcount'}. */
    @Override
    public String toString() {
        return flow.streamText(getClass().getSimpleName(), ref);
    }
}
