package dev.rivulet.engine.steps;

import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.fn.FilterMapFn;
import java.util.List;

/** {@code filterMap}: maps each item and drops the {@code null} results. */
public final class FilterMapStep extends Step {
    private final FilterMapFn<Object, Object> mapper;

    @SuppressWarnings("unchecked")
    public FilterMapStep(String stepId, StreamRef input, FilterMapFn<?, ?> mapper) {
        super(stepId, List.of(input));
        this.mapper = (FilterMapFn<Object, Object>) mapper;
    }

    @Override
    public String operator() {
        return "filterMap";
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new Operator() {
            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                Object[] items = batch.items;
                for (int i = 0; i < batch.size; i++) {
                    Object item = items[i];
                    Object result;
                    try {
                        result = mapper.apply(item);
                    } catch (Throwable t) {
                        throw StepFailure.onItem(FilterMapStep.this, item, t);
                    }
                    if (result != null) {
                        out.emit(result);
                    }
                }
            }
        };
    }
}
