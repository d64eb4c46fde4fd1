package dev.rivulet.engine.steps;

import dev.rivulet.KV;
import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.fn.ReduceFn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private final ReduceFn<Object> reducer;

    @SuppressWarnings("unchecked")
    public CombineStep(String stepId, StreamRef input, ReduceFn<?> reducer) {
        super(stepId, List.of(input));
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

            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                Object[] items = batch.items;
                for (int i = 0; i < batch.size; i++) {
                    KV<?, ?> kv = (KV<?, ?>) items[i];
                    Object key = kv.key();
                    Object partial = partials.get(key);
                    try {
                        partials.put(key, partial == null ? kv.value() : reducer.apply(partial, kv.value()));
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
