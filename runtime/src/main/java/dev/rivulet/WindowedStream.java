package dev.rivulet;

import dev.rivulet.flow.StreamRef;
import dev.rivulet.window.WindowResult;

/**
 * The output of a window operator: a keyed stream of {@link WindowResult}s, plus {@link #late()},
 * the items that arrived after every window they belong to had closed.
 *
 * @param <K> key type
 * @param <V> value type of the windowed stream (the late items)
 * @param <R> aggregated value of each window
 */
public final class WindowedStream<K, V, R> extends KeyedStream<K, WindowResult<R>> {

    WindowedStream(Dataflow flow, StreamRef ref) {
        super(flow, ref);
    }

    /**
     * The late items, as {@code KV(key, value)}. They are counted in the step's
     * {@link StepStatistics#lateItems()} whether or not this stream is used.
     *
     * <pre>{@code
     * WindowedStream<String, Reading, Double> sums = readings.reduceWindow(...);
     * sums.capture("sums");
     * sums.late().capture("late");
     * }</pre>
     */
    public KeyedStream<K, V> late() {
        return new KeyedStream<>(flow(), new StreamRef(ref().step(), 1));
    }
}
