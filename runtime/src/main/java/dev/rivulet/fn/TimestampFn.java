package dev.rivulet.fn;

import java.io.Serializable;
import java.time.Instant;

/** Reads the event time of a value, for event-time windows: {@code e -> e.time()}. */
@FunctionalInterface
public interface TimestampFn<V> extends Serializable {
    Instant timestamp(V value) throws Exception;
}
