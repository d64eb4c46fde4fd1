package dev.rivulet.engine.steps;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StatelessStep;
import dev.rivulet.engine.StepStats;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.KeyFn;

/**
 * {@code keyBy}: wraps each item as {@code KV(key(item), item)}. Checks here, where the user
 * wrote the key function, that the key can be routed, so the error names this step.
 */
public final class KeyByStep extends StatelessStep {
    private static final long serialVersionUID = 1L;

    private final KeyFn<Object, Object> keyFn;

    @SuppressWarnings("unchecked")
    public KeyByStep(String stepId, StreamRef input, KeyFn<?, ?> keyFn) {
        super(stepId, input);
        this.keyFn = (KeyFn<Object, Object>) keyFn;
    }

    @Override
    public String operator() {
        return "keyBy";
    }

    @Override
    public Stage stage(ItemSink next, StepStats stats) {
        return StageClasses.create(KeyByStage.class, this, next, stats, keyFn);
    }
}
