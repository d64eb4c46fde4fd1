package dev.rivulet.io;

import java.io.Serializable;

/**
 * Where items go. Implement {@link PartitionedSink} (positions recovered, exactly-once when the
 * sink honours its resume state) or {@link DynamicSink} (one writer per worker).
 *
 * @param <T> the type of the items it accepts
 */
public sealed interface Sink<T> extends Serializable permits PartitionedSink, DynamicSink {
}
