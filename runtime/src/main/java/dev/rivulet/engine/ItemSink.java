package dev.rivulet.engine;

import dev.rivulet.KV;

/** Takes the items a stage or an operator produces, one at a time, on the worker's thread. */
public interface ItemSink {
    void push(Object item);

    /**
     * Pushes the item {@code KV(key, value)} of a keyed stream. A sink that batches (the
     * {@link Emitter}) keeps key and value apart, so no {@code KV} is made; others get one.
     */
    default void pushKeyed(Object key, Object value) {
        push(new KV<>(key, value));
    }
}
