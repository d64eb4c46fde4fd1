package dev.rivulet.io;

import java.util.List;

/**
 * A worker's reader of a {@link DynamicSource}. {@link #nextBatch} is polled by the worker's
 * thread until it returns {@code false}; {@link #close()} follows once.
 */
public interface DynamicSourcePartition<T> extends AutoCloseable {

    /** As {@link SourcePartition#nextBatch}: non-blocking, {@code false} at the end. */
    boolean nextBatch(List<? super T> out, int max) throws Exception;

    /** As {@link SourcePartition#estimatedSize()}: this reader's size in its own unit, or {@code -1}. */
    default long estimatedSize() {
        return -1;
    }

    /** As {@link SourcePartition#consumed()}: how much of {@link #estimatedSize()} is read. */
    default long consumed() {
        return 0;
    }

    @Override
    default void close() throws Exception {
    }
}
