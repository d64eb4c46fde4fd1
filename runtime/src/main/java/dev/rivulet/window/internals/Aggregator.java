package dev.rivulet.window.internals;

import java.io.Serializable;

/**
 * What a window operator does with the values of one window: the accumulator starts as
 * {@code null}, takes values with {@link #add}, absorbs a later-starting session's accumulator
 * with {@link #merge}, and becomes the emitted value with {@link #result}. Accumulators are part
 * of the key's snapshot, so they must be serializable.
 */
public interface Aggregator extends Serializable {

    /** The accumulator after {@code value} (item time {@code time}) joins {@code acc}. */
    Object add(Object acc, Object value, long time) throws Exception;

    /** {@code earlier} and {@code later} (by session start) as one accumulator. */
    Object merge(Object earlier, Object later) throws Exception;

    /** The value emitted when the window closes. */
    Object result(Object acc) throws Exception;

    /**
     * Called after {@link #result} of a closed window was emitted, when nothing else holds
     * {@code acc}: an accumulator like a fresh one, for a window opened later (so a mutable
     * accumulator is not made again per window), or {@code null} to start the next from scratch.
     */
    default Object recycle(Object acc) throws Exception {
        return null;
    }
}
