package dev.rivulet.io;

import java.util.List;

/**
 * One open partition of a {@link PartitionedSink}. {@link #write} is called by the owning worker's
 * thread for every batch; {@link #snapshot()} at the close of every epoch in which it was written;
 * {@link #epochCompleted()} once that epoch is complete cluster-wide; {@link #close()} once at the
 * end of input. Nothing is called after {@code close}.
 */
public interface SinkPartition<T, S> extends AutoCloseable {

    /** Writes a batch of items, in order. */
    void write(List<? extends T> items) throws Exception;

    /** The position after the last written item. */
    S snapshot() throws Exception;

    /**
     * The epoch of the last {@link #snapshot()} is complete on every worker and, with recovery,
     * its snapshot is stored: a resumed run starts after it and rebuilds this partition from that
     * snapshot (or a later one). The moment to make that epoch's output visible, as a
     * transactional sink commits its transaction here. Called on the owning worker's thread,
     * once per snapshot, in order, before any item of a later epoch is written; the run does not
     * end before the last snapshot's call, but it is not made when the run fails first.
     */
    default void epochCompleted() throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}
