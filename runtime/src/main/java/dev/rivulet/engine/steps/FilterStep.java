package dev.rivulet.engine.steps;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StatelessStep;
import dev.rivulet.engine.StepStats;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.FilterFn;

/** {@code filter}: keeps the items the predicate accepts (on a keyed stream: tests the value). */
public final class FilterStep extends StatelessStep {
    private static final long serialVersionUID = 1L;

    private final FilterFn<Object> predicate;
    private final boolean valuesOnly;

    @SuppressWarnings("unchecked")
    public FilterStep(String stepId, StreamRef input, FilterFn<?> predicate, boolean valuesOnly) {
        super(stepId, input);
        this.predicate = (FilterFn<Object>) predicate;
        this.valuesOnly = valuesOnly;
    }

    @Override
    public String operator() {
        return "filter";
    }

    @Override
    public Stage stage(ItemSink next, StepStats stats) {
        return StageClasses.create(FilterStage.class, this, next, stats, predicate, valuesOnly);
    }
}
