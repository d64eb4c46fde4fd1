package dev.rivulet.engine.steps;

import dev.rivulet.KV;
import dev.rivulet.StableHash;
import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.fn.KeyFn;
import java.util.List;

/**
 * {@code keyBy}: wraps each item as {@code KV(key(item), item)}. Checks here, where the user
 * wrote the key function, that the key can be routed, so the error names this step.
 */
public final class KeyByStep extends Step {
    private final KeyFn<Object, Object> keyFn;

    @SuppressWarnings("unchecked")
    public KeyByStep(String stepId, StreamRef input, KeyFn<?, ?> keyFn) {
        super(stepId, List.of(input));
        this.keyFn = (KeyFn<Object, Object>) keyFn;
    }

    @Override
    public String operator() {
        return "keyBy";
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new Operator() {
            private Class<?> lastCheckedClass;

            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                Object[] items = batch.items;
                for (int i = 0; i < batch.size; i++) {
                    Object item = items[i];
                    Object key;
                    try {
                        key = keyFn.apply(item);
                    } catch (Throwable t) {
                        throw StepFailure.onItem(KeyByStep.this, item, t);
                    }
                    // Checking each new key class once keeps the common case to a pointer compare;
                    // records and lists are checked every time since their contents vary.
                    if (key == null || key.getClass() != lastCheckedClass) {
                        try {
                            StableHash.of(key);
                        } catch (StableHash.UnroutableKeyException e) {
                            throw StepFailure.invalid(KeyByStep.this, item, "the key function "
                                    + "returned " + e.what() + ", which " + e.getMessage()
                                    .substring(e.getMessage().indexOf(": ") + 2));
                        }
                        if (!(key instanceof Record) && !(key instanceof List)) {
                            lastCheckedClass = key.getClass();
                        }
                    }
                    out.emit(new KV<>(key, item));
                }
            }
        };
    }
}
