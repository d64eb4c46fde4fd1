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
}
