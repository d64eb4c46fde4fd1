package dev.rivulet.io;

import java.util.List;

/**
 * A worker's writer of a {@link DynamicSink}: {@link #write} for every batch on the worker's
 * thread, then {@link #close()} once at the end of input.
 */
@FunctionalInterface
public interface DynamicSinkPartition<T> extends AutoCloseable {

    void write(List<? extends T> items) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
