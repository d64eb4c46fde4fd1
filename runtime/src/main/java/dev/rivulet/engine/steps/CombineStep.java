package dev.rivulet.engine.steps;

import dev.rivulet.KV;
import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.fn.MapFn;
import dev.rivulet.fn.ReduceFn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * {@code combine}: pre-aggregates a keyed stream on each worker before it is exchanged, so a
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

    private final MapFn<Object, Object> valueOf;
    private final ReduceFn<Object> reducer;

    /**
     * @param valueOf turns each incoming value into what is combined (for counting: {@code 1L}),
     *     saving a map step and its allocations
     */
    @SuppressWarnings("unchecked")
    public CombineStep(String stepId, StreamRef input, MapFn<?, ?> valueOf, ReduceFn<?> reducer) {
        super(stepId, List.of(input));
        this.valueOf = (MapFn<Object, Object>) valueOf;
        this.reducer = (ReduceFn<Object>) reducer;
    }

    @Override
    public String operator() {
        return "combine";
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new Operator() {
            private final Map<Object, Object> partials = new HashMap<>();
            private final BiFunction<Object, Object, Object> combine = (partial, value) -> {
                try {
                    return reducer.apply(partial, value);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            };

            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                Object[] items = batch.items;
                for (int i = 0; i < batch.size; i++) {
                    KV<?, ?> kv = (KV<?, ?>) items[i];
                    try {
                        partials.merge(kv.key(), valueOf.apply(kv.value()), combine);
                    } catch (CompletionException e) {
                        throw StepFailure.onItem(CombineStep.this, kv, e.getCause());
                    } catch (Throwable t) {
                        throw StepFailure.onItem(CombineStep.this, kv, t);
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
}
