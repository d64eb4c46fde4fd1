package dev.rivulet.engine.steps;

import dev.rivulet.KV;
import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.fn.FilterFn;
import java.util.List;

/** {@code filter}: keeps the items the predicate accepts (on a keyed stream: tests the value). */
public final class FilterStep extends Step {
    private final FilterFn<Object> predicate;
    private final boolean valuesOnly;

    @SuppressWarnings("unchecked")
    public FilterStep(String stepId, StreamRef input, FilterFn<?> predicate, boolean valuesOnly) {
        super(stepId, List.of(input));
        this.predicate = (FilterFn<Object>) predicate;
        this.valuesOnly = valuesOnly;
    }

    @Override
    public String operator() {
        return "filter";
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
                        if (predicate.test(valuesOnly ? ((KV<?, ?>) item).value() : item)) {
                            out.emit(item);
                        }
                    } catch (Throwable t) {
                        throw StepFailure.onItem(FilterStep.this, item, t);
                    }
                }
            }
        };
    }
}
