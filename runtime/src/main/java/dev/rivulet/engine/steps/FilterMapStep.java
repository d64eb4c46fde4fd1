package dev.rivulet.engine.steps;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StatelessStep;
import dev.rivulet.engine.StepStats;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.FilterMapFn;

/** {@code filterMap}: maps each item and drops the {@code null} results. */
public final class FilterMapStep extends StatelessStep {
    private static final long serialVersionUID = 1L;

    private final FilterMapFn<Object, Object> mapper;

    @SuppressWarnings("unchecked")
    public FilterMapStep(String stepId, StreamRef input, FilterMapFn<?, ?> mapper) {
        super(stepId, input);
        this.mapper = (FilterMapFn<Object, Object>) mapper;
    }

    @Override
    public String operator() {
        return "filterMap";
    }

    @Override
    public Stage stage(ItemSink next, StepStats stats) {
        return StageClasses.create(FilterMapStage.class, this, next, stats, mapper);
    }
}
