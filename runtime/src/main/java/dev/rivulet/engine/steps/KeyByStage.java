package dev.rivulet.engine.steps;

import dev.rivulet.KV;
import dev.rivulet.StableHash;
import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StepStats;
import dev.rivulet.fn.KeyFn;

/** The stage of {@link KeyByStep}; a template copied per step by {@link StageClasses}. */
final class KeyByStage extends Stage {
    private final KeyFn<Object, Object> keyFn;
    private Class<?> lastCheckedClass;

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
        // Checking each new key class once keeps the common case to a pointer compare; records
        // and lists are checked every time since their contents vary.
        if (key == null || key.getClass() != lastCheckedClass) {
            check(key, item);
        }
        next.push(new KV<>(key, item));
    }

    private void check(Object key, Object item) {
        try {
            StableHash.of(key);
        } catch (StableHash.UnroutableKeyException e) {
            throw StepFailure.invalid(step, item, "the key function returned " + e.what() + ", which "
                    + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        if (!(key instanceof Record) && !(key instanceof java.util.List)) {
            lastCheckedClass = key.getClass();
        }
    }
}
