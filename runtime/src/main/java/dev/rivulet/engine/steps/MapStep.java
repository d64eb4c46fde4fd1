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
import java.util.List;

/** {@code map}: one item in, one item out. On a keyed stream it maps the value and keeps the key. */
public final class MapStep extends Step {
    private final MapFn<Object, Object> mapper;
    private final boolean valuesOnly;

    @SuppressWarnings("unchecked")
    public MapStep(String stepId, StreamRef input, MapFn<?, ?> mapper, boolean valuesOnly) {
        super(stepId, List.of(input));
        this.mapper = (MapFn<Object, Object>) mapper;
        this.valuesOnly = valuesOnly;
    }

    @Override
    public String operator() {
        return "map";
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new Operator() {
            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                Object[] items = batch.items;
                for (int i = 0; i < batch.size; i++) {
                    Object item = items[i];
                    try {
                        if (valuesOnly) {
                            KV<?, ?> kv = (KV<?, ?>) item;
                            out.emit(new KV<>(kv.key(), mapper.apply(kv.value())));
                        } else {
                            out.emit(mapper.apply(item));
                        }
                    } catch (Throwable t) {
                        throw StepFailure.onItem(MapStep.this, item, t);
                    }
                }
            }
        };
    }
}
