package dev.rivulet.io;

/**
 * A sink with one independent writer per worker, fed with the items that reach that worker.
 * No positions: output around a resume is at-least-once.
 *
 * <pre>{@code
 * DynamicSink<String> log = (index, count) -> items -> items.forEach(System.err::println);
 * }</pre>
 */
@FunctionalInterface
public non-sealed interface DynamicSink<T> extends Sink<T> {

    /** Opens this worker's writer. Called once per worker at start-up. */
    DynamicSinkPartition<T> build(int workerIndex, int workerCount) throws Exception;
}
