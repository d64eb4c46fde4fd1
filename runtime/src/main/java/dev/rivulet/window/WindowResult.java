package dev.rivulet.window;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a window operator emits for one key and one closed window: the window's bounds
 * {@code [start, end)}, the aggregated value, and the window's id (the window's index from
 * {@code alignTo} for tumbling and sliding windows; the session number, 1, 2, …, per key for
 * sessions). In a notebook table it renders as the columns {@code start}, {@code end},
 * {@code value}, {@code windowId} beside the key.
 *
 * @param <R> the aggregated value
 */
public record WindowResult<R>(Instant start, Instant end, R value, long windowId) implements Serializable {

    @Override
    public String toString() {
        return "[" + start + ", " + end + ") #" + windowId + " " + value;
    }
}
