package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.StableHash;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys a step's {@code KV} input (or a {@link Stamped} one) by its Rivulet key; an unroutable
 * key fails the keyed step, naming it.
 */
public final class RoutingKeySelector implements KeySelector<Object, RoutingKey> {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final String operator;

    public RoutingKeySelector(String stepId, String operator) {
        this.stepId = stepId;
        this.operator = operator;
    }

    @Override
    public RoutingKey getKey(Object item) {
        Object kv = item instanceof Stamped s ? s.item() : item;
        if (!(kv instanceof KV<?, ?> pair)) {
            throw StepFailedException.onItem(stepId, operator, -1, -1, item, new IllegalStateException(
                    "a keyed step needs KV items; add a keyBy before it"));
        }
        try {
            return new RoutingKey(pair.key());
        } catch (StableHash.UnroutableKeyException e) {
            throw StepFailedException.onItem(stepId, operator, -1, -1, item, e);
        }
    }
}
