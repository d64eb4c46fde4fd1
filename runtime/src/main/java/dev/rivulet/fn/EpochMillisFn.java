package dev.rivulet.fn;

import java.time.Instant;

/**
 * Reads the event time of a value as epoch milliseconds, for data whose time already is a
 * {@code long}: {@code e -> e.timeMillis()}. The window engine then reads the time without making
 * an {@link Instant} per item; anything that wants an {@code Instant} still gets one from
 * {@link #timestamp}.
 */
@FunctionalInterface
public interface EpochMillisFn<V> extends TimestampFn<V> {

    /** The value's event time in milliseconds since the epoch. */
    long epochMillis(V value) throws Exception;

    @Override
    default Instant timestamp(V value) throws Exception {
        return Instant.ofEpochMilli(epochMillis(value));
    }
}
