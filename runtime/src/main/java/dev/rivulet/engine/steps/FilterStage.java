package dev.rivulet.engine.steps;

import dev.rivulet.KV;
import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StepStats;
import dev.rivulet.fn.FilterFn;

/** The stage of {@link FilterStep}; a template copied per step by {@link StageClasses}. */
final class FilterStage extends Stage {
    private final FilterFn<Object> predicate;
    private final boolean valuesOnly;

    FilterStage(FilterStep step, ItemSink next, StepStats stats, FilterFn<Object> predicate, boolean valuesOnly) {
        super(step, next, stats);
        this.predicate = predicate;
        this.valuesOnly = valuesOnly;
    }

    @Override
    public void push(Object item) {
        in++;
        boolean keep;
        try {
            keep = predicate.test(valuesOnly ? ((KV<?, ?>) item).value() : item);
        } catch (Throwable t) {
            throw StepFailure.onItem(step, item, t);
        }
        if (keep) {
            next.push(item);
        }
    }
}
