package dev.rivulet.kafka;

import java.io.Serializable;
import java.time.Instant;

/**
 * Where a fresh run starts reading each partition. A resumed run always starts at the offsets
 * of the last completed epoch's snapshot, whatever this says.
 */
public sealed interface StartPosition extends Serializable {

    /** The first offset still in the log. */
    static StartPosition earliest() {
        return new Earliest();
    }

    /** After the last record present when the partition is opened: only new records. */
    static StartPosition latest() {
        return new Latest();
    }

    /** The first record whose timestamp is at or after {@code time} (the end if none is). */
    static StartPosition timestamp(Instant time) {
        return new AtTime(time.toEpochMilli());
    }

    record Earliest() implements StartPosition {
    }

    record Latest() implements StartPosition {
    }

    record AtTime(long epochMillis) implements StartPosition {
    }
}
