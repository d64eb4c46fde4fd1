package dev.rivulet.io;

import java.util.List;

/**
 * One open partition of a {@link PartitionedSource}.
 *
 * <p>Lifecycle: {@link #nextBatch} is called repeatedly by the owning worker's thread;
 * {@link #snapshot()} at the close of every epoch in which the partition produced items and once
 * at its end; {@link #close()} once after the partition reported its end, or when the run stops.
 * Nothing is called after {@code close}.
 *
 * <p>For progress displays (percent done, time left), a partition that knows its size says so
 * with {@link #estimatedSize()} and {@link #consumed()}; both are optional.
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

    /**
     * This partition's size in a unit of its own (items for a list, bytes for a file), for
     * progress displays; {@code -1} (the default) when unknown, as for an endless stream. Called
     * once on the owning worker's thread, after the partition is built and before the first
     * {@link #nextBatch}.
     */
    default long estimatedSize() {
        return -1;
    }

    /**
     * How much of {@link #estimatedSize()} is read so far, in the same unit, counting from the
     * start of the data (a resumed partition starts where it left off). Called on the owning
     * worker's thread between two {@link #nextBatch} calls, a few times a second at most; only
     * when {@code estimatedSize()} is not {@code -1}.
     */
    default long consumed() {
        return 0;
    }

    /** Releases resources. Called once; nothing is called afterwards. */
    @Override
    default void close() throws Exception {
    }
}
