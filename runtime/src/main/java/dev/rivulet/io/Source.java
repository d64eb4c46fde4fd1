package dev.rivulet.io;

import java.io.Serializable;

/**
 * Where items come from. Do not implement this directly: implement {@link PartitionedSource}
 * (replayable, recoverable) or {@link DynamicSource} (one reader per worker).
 *
 * <p>A source is part of the flow's description and is shipped to every worker, so it must be
 * {@link Serializable} and cheap to copy: open files and connections in {@code buildPart} /
 * {@code build}, never in the constructor.
 *
 * @param <T> the type of the items it produces
 */
public sealed interface Source<T> extends Serializable permits PartitionedSource, DynamicSource {
}
