package dev.rivulet.engine;

import dev.rivulet.KV;

/**
 * Chooses the worker an item is sent to before a step that needs it there (keyed state, a sink
 * partition). Created once per worker; called on the worker where the item is.
 */
@FunctionalInterface
public interface Router {

    /** The destination worker index in {@code [0, workerCount)}. */
    int route(Object item) throws Exception;

    /** {@link #route} of the item {@code KV(key, value)} of a keyed batch; keyed routers need no {@code KV}. */
    default int routeKeyed(Object key, Object value) throws Exception {
        return route(new KV<>(key, value));
    }

    /** A router that decides by an item's key: {@code KV} items and keyed batches alike. */
    abstract class ByKey implements Router {
        @Override
        public final int route(Object item) throws Exception {
            KV<?, ?> kv = (KV<?, ?>) item;
            return routeKeyed(kv.key(), kv.value());
        }

        @Override
        public abstract int routeKeyed(Object key, Object value) throws Exception;
    }
}
