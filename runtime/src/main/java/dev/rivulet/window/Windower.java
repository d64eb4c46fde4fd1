package dev.rivulet.window;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which windows an item belongs to. Windows are half-open, {@code [start, end)}: an item exactly
 * at a window's end belongs to the next window.
 */
public sealed interface Windower extends Serializable
        permits Windower.Sliding, Windower.Session {

    /**
     * Back-to-back windows of {@code length}, aligned so that one starts at {@code alignTo}
     * (windows also extend before it); every item is in exactly one window. Window ids count
     * windows from {@code alignTo} (negative before it).
     *
     * <pre>{@code
     * Windower.tumbling(Duration.ofMinutes(1), Instant.parse("2024-01-01T00:00:00Z"))
     * }</pre>
     */
    static Windower tumbling(Duration length, Instant alignTo) {
        return new Sliding(length, length, alignTo);
    }

    /**
     * Windows of {@code length} starting every {@code offset}, aligned to {@code alignTo}. With
     * {@code offset < length} windows overlap and an item is in several; with {@code offset >
     * length} there are gaps, and items in a gap belong to no window (they are neither
     * aggregated nor late).
     *
     * <pre>{@code
     * Windower.sliding(Duration.ofSeconds(10), Duration.ofSeconds(5), Instant.EPOCH)
     * }</pre>
     */
    static Windower sliding(Duration length, Duration offset, Instant alignTo) {
        return new Sliding(length, offset, alignTo);
    }

    /**
     * Sessions: items of a key less than {@code gap} apart form one session
     * {@code [first item, last item + gap)}; a session closes when the watermark reaches its
     * last item + {@code gap}. An out-of-order item that bridges two sessions merges them — with
     * all their contents. Session ids are 1, 2, … per key; a merged session keeps the smaller id.
     *
     * <pre>{@code
     * Windower.session(Duration.ofMinutes(30))
     * }</pre>
     */
    static Windower session(Duration gap) {
        return new Session(gap);
    }

    /** See {@link #sliding} and {@link #tumbling}. Lengths are whole milliseconds. */
    record Sliding(Duration length, Duration offset, Instant alignTo) implements Windower {
        public Sliding {
            Objects.requireNonNull(length, "window length is null");
            Objects.requireNonNull(offset, "window offset is null");
            Objects.requireNonNull(alignTo, "alignTo is null");
            if (length.toMillis() <= 0) {
                throw new IllegalArgumentException("window length must be at least 1 ms, got " + length);
            }
            if (offset.toMillis() <= 0) {
                throw new IllegalArgumentException("window offset must be at least 1 ms, got " + offset);
            }
        }

        /** Whether this is a tumbling window (offset = length). */
        public boolean isTumbling() {
            return length.equals(offset);
        }
    }

    /** See {@link #session}. */
    record Session(Duration gap) implements Windower {
        public Session {
            Objects.requireNonNull(gap, "session gap is null");
            if (gap.toMillis() <= 0) {
                throw new IllegalArgumentException("session gap must be at least 1 ms, got " + gap);
            }
        }
    }
}
