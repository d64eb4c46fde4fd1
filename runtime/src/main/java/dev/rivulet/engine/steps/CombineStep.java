package dev.rivulet.engine.steps;

import dev.rivulet.KV;
import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.fn.KeyFn;
import dev.rivulet.fn.MapFn;
import dev.rivulet.fn.ReduceFn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * {@code combine}: pre-aggregates items by key on each worker before they are exchanged, so a
 * key's values cross the network as one partial result per worker and epoch instead of one item
 * each (a map-side combiner). Only for reducers where the grouping does not matter, such as
 * {@code Long::sum}; the engine uses it inside {@code countFinal}.
 *
 * <p>Holds nothing across epochs: every partial result is emitted when its epoch closes (or
 * earlier, once {@value #MAX_KEYS} keys are pending), so recovery has nothing to snapshot.
 */
public final class CombineStep extends Step {
    private static final long serialVersionUID = 1L;
    /** Partial results pending before they are sent on early, bounding memory for many keys. */
    static final int MAX_KEYS = 100_000;

    private final KeyFn<Object, Object> keyOf;
    private final MapFn<Object, Object> valueOf;
    private final ReduceFn<Object> reducer;
    /** Counting ({@code countFinal}): a mutable {@code long} per key instead of boxed sums. */
    private final boolean counting;

    /**
     * Keys, values and combines in one step, with no {@code KV} per item: for counting,
     * {@code keyOf} is the user's key function and {@code valueOf} returns {@code 1L}.
     *
     * @param keyOf the key of each incoming item (checked to be routable, like {@code keyBy})
     * @param valueOf what each item contributes to its key's partial result
     */
    @SuppressWarnings("unchecked")
    public CombineStep(String stepId, StreamRef input, KeyFn<?, ?> keyOf, MapFn<?, ?> valueOf, ReduceFn<?> reducer) {
        super(stepId, List.of(input));
        this.keyOf = (KeyFn<Object, Object>) keyOf;
        this.valueOf = (MapFn<Object, Object>) valueOf;
        this.reducer = (ReduceFn<Object>) reducer;
        this.counting = false;
    }

    private CombineStep(String stepId, StreamRef input, KeyFn<?, ?> keyOf) {
        super(stepId, List.of(input));
        this.keyOf = (KeyFn<Object, Object>) keyOf;
        this.valueOf = null;
        this.reducer = null;
        this.counting = true;
    }

    /** Keys and counts the items on each worker: one {@code KV(key, count)} per key and epoch. */
    public static CombineStep counting(String stepId, StreamRef input, KeyFn<?, ?> keyOf) {
        return new CombineStep(stepId, input, keyOf);
    }

    @Override
    public String operator() {
        return "combine";
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        if (counting) {
            return new Counter();
        }
        return new Operator() {
            private final Map<Object, Object> partials = new HashMap<>();
            private final RoutableKeys keys = new RoutableKeys();
            private final BiFunction<Object, Object, Object> combine = (partial, value) -> {
                try {
                    return reducer.apply(partial, value);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            };

            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                for (int i = 0; i < batch.size; i++) {
                    Object item = batch.item(i);
                    Object key = keyOf(item, keys);
                    try {
                        partials.merge(key, valueOf.apply(item), combine);
                    } catch (Throwable t) {
                        // the reducer's exception comes back wrapped by `combine`
                        throw StepFailure.onItem(CombineStep.this, item,
                                t instanceof CompletionException wrapped ? wrapped.getCause() : t);
                    }
                    if (partials.size() >= MAX_KEYS) {
                        emitAll(out);
                    }
                }
            }

            @Override
            public void onEpochClose(long epoch, Outputs out) {
                emitAll(out);
            }

            private void emitAll(Outputs out) {
                for (Map.Entry<Object, Object> partial : partials.entrySet()) {
                    out.emit(new KV<>(partial.getKey(), partial.getValue()));
                }
                partials.clear();
            }
        };
    }

    /** The item's key, checked to be routable; failures name this step. */
    private Object keyOf(Object item, RoutableKeys keys) {
        Object key;
        try {
            key = keyOf.apply(item);
        } catch (Throwable t) {
            throw StepFailure.onItem(this, item, t);
        }
        keys.check(this, key, item);
        return key;
    }

    /** The counting combiner: one mutable cell per key, so counting an item allocates nothing. */
    private final class Counter extends Operator {
        private final Map<Object, long[]> counts = new HashMap<>();
        private final RoutableKeys keys = new RoutableKeys();

        @Override
        public void onBatch(int input, Batch batch, Outputs out) {
            for (int i = 0; i < batch.size; i++) {
                Object item = batch.item(i);
                Object key = keyOf(item, keys);
                long[] cell = counts.get(key);
                if (cell == null) {
                    counts.put(key, new long[] {1});
                    if (counts.size() >= MAX_KEYS) {
                        emitAll(out);
                    }
                } else {
                    cell[0]++;
                }
            }
        }

        @Override
        public void onEpochClose(long epoch, Outputs out) {
            emitAll(out);
        }

        private void emitAll(Outputs out) {
            for (Map.Entry<Object, long[]> count : counts.entrySet()) {
                out.emit(new KV<>(count.getKey(), count.getValue()[0]));
            }
            counts.clear();
        }
    }
}
