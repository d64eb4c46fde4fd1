package dev.rivulet.engine;


/**
 * The state and behaviour of one key inside a keyed step (reduce, statefulMap, windows), as in
 * Bytewax's {@code StatefulUnary}. Created on the first value for a key (or from its resume
 * snapshot); dropped when {@link #isDiscarded()} says so.
 *
 * <p>Call order, on the worker that owns the key: {@link #onValue} for each value; {@link #onWake}
 * once {@link #nextWakeMillis()} has passed; {@link #onEof} once at the end of input;
 * {@link #snapshot()} at the close of every epoch in which one of the others was called.
 */
public interface KeyedLogic {

    /** A new value for this key; {@code out} emits values (the key is added by the engine). */
    void onValue(Object value, KeyedOutput out) throws Exception;

    /** The wall-clock time (epoch millis) this key wants {@link #onWake}; MAX_VALUE for never. */
    default long nextWakeMillis() {
        return Long.MAX_VALUE;
    }

    /** Called when {@link #nextWakeMillis()} has passed. */
    default void onWake(long nowMillis, KeyedOutput out) throws Exception {
    }

    /** The end of input. */
    default void onEof(KeyedOutput out) throws Exception {
    }

    /** Whether this key's state is gone; the engine forgets the key and records a discard. */
    boolean isDiscarded();

    /**
     * What this key would emit if the input ended now, for a "so far" progress display, or
     * {@code null} (the default) for logic that has nothing to show. Called on the worker's
     * thread, a few times a second at most, only when someone watches the step.
     */
    default Object soFar() {
        return null;
    }

    /** The key's state for recovery, as of now. Must be serializable. */
    Object snapshot() throws Exception;
}
