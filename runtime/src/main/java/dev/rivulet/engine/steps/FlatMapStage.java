package dev.rivulet.engine.steps;

import dev.rivulet.KV;
import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StepStats;
import dev.rivulet.fn.FlatMapFn;
import java.util.Iterator;

/**
 * The stage of {@link FlatMapStep}; a template copied per step by {@link StageClasses}. The
 * returned iterable is consumed lazily, one element pushed downstream at a time.
 */
final class FlatMapStage extends Stage {
    private final FlatMapFn<Object, Object> mapper;
    private final boolean valuesOnly;

    FlatMapStage(FlatMapStep step, ItemSink next, StepStats stats, FlatMapFn<Object, Object> mapper,
            boolean valuesOnly) {
        super(step, next, stats);
        this.mapper = mapper;
        this.valuesOnly = valuesOnly;
    }

    @Override
    public void push(Object item) {
        in++;
        Object key = null;
        Iterator<?> results;
        try {
            Object argument = item;
            if (valuesOnly) {
                key = ((KV<?, ?>) item).key();
                argument = ((KV<?, ?>) item).value();
            }
            Iterable<?> iterable = mapper.apply(argument);
            if (iterable == null) {
                throw new IllegalStateException("the flatMap function returned null;"
                        + " return an empty list to emit nothing");
            }
            results = iterable.iterator();
        } catch (Throwable t) {
            throw StepFailure.onItem(step, item, t);
        }
        while (true) {
            Object result;
            try {
                if (!results.hasNext()) {
                    return;
                }
                result = results.next();
            } catch (Throwable t) {
                throw StepFailure.onItem(step, item, t);
            }
            next.push(valuesOnly ? new KV<>(key, result) : result);
        }
    }
}
