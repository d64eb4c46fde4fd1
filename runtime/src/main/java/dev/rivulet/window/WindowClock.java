package dev.rivulet.window;

import dev.rivulet.fn.TimestampFn;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a window operator tells time: the time of each item, and the <em>watermark</em> — the time
 * before which no more items are expected. A window closes (and is emitted) once the watermark
 * reaches its end; an item is <em>late</em> when every window it belongs to has already closed.
 *
 * <p>Each key has its own clock, so an event-time watermark is per key. At the end of input the
 * watermark jumps to the end of time and every open window closes.
 *
 * @param <V> the value type of the keyed stream
 */
public sealed interface WindowClock<V> extends Serializable
        permits WindowClock.SystemTime, WindowClock.EventTime {

    /**
     * Processing time: an item's time is the system time when the window operator sees it, and
     * the watermark is the current system time, so windows close on the wall clock and nothing
     * is ever late.
     *
     * <pre>{@code
     * keyed.collectWindow("per-10s", WindowClock.systemTime(),
     *         Windower.tumbling(Duration.ofSeconds(10), Instant.EPOCH))
     * }</pre>
     */
    static <V> WindowClock<V> systemTime() {
        return new SystemTime<>();
    }

    /**
     * Event time: an item's time is {@code timestamp(value)}. The watermark is the largest item
     * time seen for the key minus {@code waitForSystemDuration}, advanced by the system time that
     * has passed since that item arrived (so an idle key's windows still close), and it never
     * goes backwards. {@code waitForSystemDuration} is how much disorder to tolerate: items up to
     * that much older than the newest one are still on time.
     *
     * <pre>{@code
     * record Reading(String sensor, Instant at, double value) {}
     * WindowClock<Reading> clock = WindowClock.eventTime(Reading::at, Duration.ofSeconds(5));
     * }</pre>
     */
    static <V> WindowClock<V> eventTime(TimestampFn<? super V> timestamp, Duration waitForSystemDuration) {
        return new EventTime<>(timestamp, waitForSystemDuration);
    }

    /** See {@link #systemTime()}. */
    record SystemTime<V>() implements WindowClock<V> {
    }

    /** See {@link #eventTime}. */
    record EventTime<V>(TimestampFn<? super V> timestamp, Duration waitForSystemDuration)
            implements WindowClock<V> {
        public EventTime {
            Objects.requireNonNull(timestamp, "eventTime: the timestamp function is null");
            Objects.requireNonNull(waitForSystemDuration, "eventTime: waitForSystemDuration is null");
            if (waitForSystemDuration.isNegative()) {
                throw new IllegalArgumentException("eventTime: waitForSystemDuration must not be negative, got "
                        + waitForSystemDuration);
            }
        }
    }
}
