package dev.rivulet.window.internals;

import java.io.Serializable;
import java.util.List;

/** The open windows of one key under one windower; part of the key's snapshot. */
public interface WindowSet extends Serializable {

    /**
     * Adds a value with item time {@code time} to every window it belongs to that is still open
     * at {@code watermark}.
     *
     * @return whether the value was late: it belongs to at least one window and every window it
     *     belongs to has already closed (for sessions: it joins no open session and is behind
     *     the watermark)
     */
    boolean insert(long time, Object value, long watermark, Aggregator aggregator) throws Exception;

    /** Removes the windows closed at {@code watermark} into {@code closed}, in close order. */
    void drainClosed(long watermark, List<OpenWindow> closed);

    /**
     * Hands back a window that {@link #drainClosed} removed, once its result is emitted and
     * nothing else holds it: the set may reuse the object for a window it opens later.
     */
    default void recycle(OpenWindow window) {
    }

    /** The earliest end among open windows; {@link Long#MAX_VALUE} when none. */
    long nextClose();

    boolean isEmpty();

    /**
     * Whether the key's state may be dropped: no open window and nothing to remember. Sessions
     * remember their key's last id (ids are 1, 2, … per key, as in Bytewax), so that a key's ids
     * do not depend on when its state happened to be empty (an epoch close, a Flink timer).
     */
    default boolean disposable() {
        return isEmpty();
    }
}
