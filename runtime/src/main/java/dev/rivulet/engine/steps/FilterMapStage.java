package dev.rivulet.engine.steps;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StepStats;
import dev.rivulet.fn.FilterMapFn;

/** The stage of {@link FilterMapStep}; a template copied per step by {@link StageClasses}. */
final class FilterMapStage extends Stage {
    private final FilterMapFn<Object, Object> mapper;

    FilterMapStage(FilterMapStep step, ItemSink next, StepStats stats, FilterMapFn<Object, Object> mapper) {
        super(step, next, stats);
        this.mapper = mapper;
    }

    @Override
    public void push(Object item) {
        in++;
        Object result;
        try {
            result = mapper.apply(item);
        } catch (Throwable t) {
            throw StepFailure.onItem(step, item, t);
        }
        if (result != null) {
            next.push(result);
        }
    }
}
