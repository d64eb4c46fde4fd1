package dev.rivulet.io;

import java.util.List;

/**
 * One open partition of a {@link PartitionedSource}.
 *
 * <p>Lifecycle: {@link #nextBatch} is called repeatedly by the owning worker's thread;
 * {@link #snapshot()} at the close of every epoch in which the partition produced items and once
 * at its end; {@link #close()} once after the partition reported its end, or when the run stops.
 * Nothing is called after {@code close}.
 */
public interface SourcePartition<T, S> extends AutoCloseable {

    /**
     * Adds up to {@code max} items to {@code out}. Must not block: add nothing when nothing is
     * available right now (the worker polls again about a millisecond later). Each added item
     * goes downstream at once: {@code out} supports {@code add}, {@code addAll} and
     * {@code size}, but items cannot be read back from it.
     *
     * @return {@code false} once the partition is exhausted (items added by this call are still
     *     emitted); {@code true} while more may come
     */
    boolean nextBatch(List<? super T> out, int max) throws Exception;

    /** The position just after the last item returned; stored by recovery at epoch close. */
    S snapshot() throws Exception;

    /** Releases resources. Called once; nothing is called afterwards. */
    @Override
    default void close() throws Exception {
    }
}
