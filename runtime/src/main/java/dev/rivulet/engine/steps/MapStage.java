package dev.rivulet.engine.steps;

import dev.rivulet.KV;
import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StepStats;
import dev.rivulet.fn.MapFn;

/** The stage of {@link MapStep}; a template copied per step by {@link StageClasses}. */
final class MapStage extends Stage {
    private final MapFn<Object, Object> mapper;
    private final boolean valuesOnly;

    MapStage(MapStep step, ItemSink next, StepStats stats, MapFn<Object, Object> mapper, boolean valuesOnly) {
        super(step, next, stats);
        this.mapper = mapper;
        this.valuesOnly = valuesOnly;
    }

    @Override
    public void push(Object item) {
        in++;
        Object result;
        try {
            if (valuesOnly) {
                KV<?, ?> kv = (KV<?, ?>) item;
                result = new KV<>(kv.key(), mapper.apply(kv.value()));
            } else {
                result = mapper.apply(item);
            }
        } catch (Throwable t) {
            throw StepFailure.onItem(step, item, t);
        }
        next.push(result);
    }
}
