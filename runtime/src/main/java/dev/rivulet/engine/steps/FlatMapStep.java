package dev.rivulet.engine.steps;

import dev.rivulet.KV;
import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.fn.FlatMapFn;
import java.util.List;

/** {@code flatMap}: one item in, each element of the returned iterable out, lazily consumed. */
public final class FlatMapStep extends Step {
    private final FlatMapFn<Object, Object> mapper;
    private final boolean valuesOnly;

    @SuppressWarnings("unchecked")
    public FlatMapStep(String stepId, StreamRef input, FlatMapFn<?, ?> mapper, boolean valuesOnly) {
        super(stepId, List.of(input));
        this.mapper = (FlatMapFn<Object, Object>) mapper;
        this.valuesOnly = valuesOnly;
    }

    @Override
    public String operator() {
        return "flatMap";
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
                        Object key = null;
                        Object argument = item;
                        if (valuesOnly) {
                            key = ((KV<?, ?>) item).key();
                            argument = ((KV<?, ?>) item).value();
                        }
                        Iterable<?> results = mapper.apply(argument);
                        if (results == null) {
                            throw new IllegalStateException("the flatMap function returned null;"
                                    + " return an empty list to emit nothing");
                        }
                        for (Object result : results) {
                            out.emit(valuesOnly ? new KV<>(key, result) : result);
                        }
                    } catch (Throwable t) {
                        throw StepFailure.onItem(FlatMapStep.this, item, t);
                    }
                }
            }
        };
    }
}
