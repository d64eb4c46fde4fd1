package dev.rivulet.window;

import dev.rivulet.fn.EpochMillisFn;
import dev.rivulet.fn.TimestampFn;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a window operator tells time: the time of each item, and the <em>watermark</em> — the time
 * before which no more items are expected. A window closes (and is emitted) once the watermark
 * reaches its end; an item is <em>late</em> when every window it belongs to has already closed
 * for it (it is then counted and emitted on {@code late()}, never aggregated).
 *
 * <p>Three clocks, each a description a runner implements:
 * <ul>
 *   <li>{@link #watermark} — event time with a watermark driven by the data only: the result of a
 *       bounded input never depends on how fast the machine is. The clock for files, notebooks
 *       and replays.
 *   <li>{@link #eventTime} — Bytewax's event clock: per key, advanced by the wall clock. A stall
 *       can make items late, so results over historical data may vary from run to run.
 *   <li>{@link #systemTime} — processing time.
 * </ul>
 * At the end of input every clock's watermark jumps to the end of time and every open window
 * closes.
 *
 * @param <V> the value type of the keyed stream
 */
public sealed interface WindowClock<V> extends Serializable
        permits WindowClock.SystemTime, WindowClock.EventTime, WindowClock.Watermark {

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
     * Event time with a watermark driven by the data only (as Flink's bounded-out-of-orderness
     * watermarks): windows close when the data says time has passed, never because the wall
     * clock moved, so a bounded input gives the same windows and the same late items however
     * fast or loaded the machine is, at any number of workers and processes.
     *
     * <p>{@code allowedLateness} is how much disorder to tolerate within one input partition:
     * an item up to that much older than the newest item its partition has produced is on time.
     * See {@link Watermark} for the exact rule.
     *
     * <pre>{@code
     * record Reading(String sensor, Instant at, double value) {}
     * WindowClock<Reading> clock = WindowClock.watermark(Reading::at, Duration.ofSeconds(5));
     * }</pre>
     */
    static <V> Watermark<V> watermark(TimestampFn<? super V> timestamp, Duration allowedLateness) {
        return new Watermark<>(timestamp, allowedLateness, Duration.ZERO);
    }

    /**
     * {@link #watermark} for values whose time is already a {@code long} of epoch milliseconds:
     * the same clock, without an {@link java.time.Instant} per item.
     *
     * <pre>{@code
     * record Tick(String symbol, long timeMillis, double price) {}
     * WindowClock<Tick> clock = WindowClock.watermarkMillis(Tick::timeMillis, Duration.ofMillis(50));
     * }</pre>
     */
    static <V> Watermark<V> watermarkMillis(EpochMillisFn<? super V> epochMillis, Duration allowedLateness) {
        return new Watermark<>(epochMillis, allowedLateness, Duration.ZERO);
    }

    /**
     * Bytewax's event clock: an item's time is {@code timestamp(value)}. The watermark is the largest item
     * time seen for the key minus {@code waitForSystemDuration}, advanced by the system time that
     * has passed since that item arrived (so an idle key's windows still close), and it never
     * goes backwards. {@code waitForSystemDuration} is how much disorder to tolerate: items up to
     * that much older than the newest one are still on time. Because the wall clock moves the
     * watermark, a stall (a garbage collection, a busy machine) while replaying historical data
     * can make items late; prefer {@link #watermark} for files and replays.
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

    /**
     * The data-driven event-time clock of {@link #watermark}. Its exact semantics, which every
     * runner implements:
     *
     * <ol>
     *   <li><b>Item time.</b> {@code timestamp(value)} of the window step's value, in whole
     *       milliseconds; {@code null} fails the step.
     *   <li><b>Partition watermark.</b> Every input partition {@code p} feeding the window step
     *       through stateless steps has a watermark {@code W(p)} = (largest item time among the
     *       items of {@code p} that reached the window step so far) − {@code allowedLateness};
     *       before its first item it is the beginning of time, after the partition ends the end
     *       of time. Items that reach the window step through another stateful step count as
     *       coming from one partition per worker of that step.
     *   <li><b>Step watermark.</b> The minimum of {@code W(p)} over every partition feeding the
     *       step, on every worker and process. With a non-zero {@code idleness}, a partition that
     *       has produced nothing for that long (wall clock) leaves the minimum until it produces
     *       again — this is the only place the wall clock enters, so leave idleness at zero for
     *       bounded inputs. The step watermark never goes backwards; at the end of input it is
     *       the end of time.
     *   <li><b>Closing.</b> A window {@code [start, end)} closes, and is emitted, once the step
     *       watermark is at least {@code end}. Windows of keys that see no more items close all
     *       the same.
     *   <li><b>Lateness.</b> An item {@code x} of partition {@code p} is judged against
     *       {@code W(p)} just before {@code x} (not against the step watermark, which depends on
     *       how far other partitions have got): it joins a tumbling or sliding window only if
     *       that window's {@code end > W(p)}, and a session only if its time is
     *       {@code >= W(p)}. An item that belongs to at least one window and joins none is late:
     *       counted in the step's statistics and emitted on {@code late()}.
     * </ol>
     *
     * <p>Consequence: an item at most {@code allowedLateness} older than the newest item of its
     * own partition is never late, and which items are late does not depend on speed. Keep each
     * partition roughly in time order (a file sorted by time; a Kafka partition).
     *
     * @param idleness {@link Duration#ZERO} for none
     */
    record Watermark<V>(TimestampFn<? super V> timestamp, Duration allowedLateness, Duration idleness)
            implements WindowClock<V> {
        public Watermark {
            Objects.requireNonNull(timestamp, "watermark: the timestamp function is null");
            Objects.requireNonNull(allowedLateness, "watermark: allowedLateness is null");
            Objects.requireNonNull(idleness, "watermark: idleness is null");
            if (allowedLateness.isNegative()) {
                throw new IllegalArgumentException("watermark: allowedLateness must not be negative, got "
                        + allowedLateness);
            }
            if (idleness.isNegative()) {
                throw new IllegalArgumentException("watermark: idleness must not be negative, got " + idleness);
            }
        }

        /**
         * The same clock, but a partition that produces nothing for {@code idleness} of wall
         * clock stops holding the watermark back until it produces again (for live sources with
         * quiet partitions; results then depend on timing).
         *
         * <pre>{@code
         * WindowClock.watermark(Reading::at, Duration.ofSeconds(5)).withIdleness(Duration.ofMinutes(1))
         * }</pre>
         */
        public Watermark<V> withIdleness(Duration idleness) {
            return new Watermark<>(timestamp, allowedLateness, idleness);
        }
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
