package dev.rivulet.io;

import java.util.List;

/**
 * One open partition of a {@link PartitionedSink}. {@link #write} is called by the owning worker's
 * thread for every batch; {@link #snapshot()} at the close of every epoch in which it was written;
 * {@link #close()} once at the end of input. Nothing is called after {@code close}.
 */
public interface SinkPartition<T, S> extends AutoCloseable {

    /** Writes a batch of items, in order. */
    void write(List<? extends T> items) throws Exception;

    /** The position after the last written item. */
    S snapshot() throws Exception;

    @Override
    default void close() throws Exception {
    }
}
