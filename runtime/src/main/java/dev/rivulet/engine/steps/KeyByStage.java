package dev.rivulet.engine.steps;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StepStats;
import dev.rivulet.fn.KeyFn;

/** The stage of {@link KeyByStep}; a template copied per step by {@link StageClasses}. */
final class KeyByStage extends Stage {
    private final KeyFn<Object, Object> keyFn;
    private final RoutableKeys keys = new RoutableKeys();

    KeyByStage(KeyByStep step, ItemSink next, StepStats stats, KeyFn<Object, Object> keyFn) {
        super(step, next, stats);
        this.keyFn = keyFn;
    }

    @Override
    public void push(Object item) {
        in++;
        Object key;
        try {
            key = keyFn.apply(item);
        } catch (Throwable t) {
            throw StepFailure.onItem(step, item, t);
        }
        keys.check(step, key, item);
        next.pushKeyed(key, item);
    }
}
