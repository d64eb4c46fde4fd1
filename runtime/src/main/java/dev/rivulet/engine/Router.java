package dev.rivulet.engine;

/**
 * Chooses the worker an item is sent to before a step that needs it there (keyed state, a sink
 * partition). Created once per worker; called on the worker where the item is.
 */
@FunctionalInterface
public interface Router {

    /** The destination worker index in {@code [0, workerCount)}. */
    int route(Object item) throws Exception;
}
