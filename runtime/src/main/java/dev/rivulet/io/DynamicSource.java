package dev.rivulet.io;

/**
 * A source with one independent reader per worker and no positions: items are read at most once
 * across failures. Each worker must read disjoint data.
 *
 * <pre>{@code
 * DynamicSource<Integer> perWorker = (index, count) -> new DynamicSourcePartition<>() {
 *     int i = index;
 *     public boolean nextBatch(List<? super Integer> out, int max) {
 *         if (i < 100) { out.add(i); i += count; }
 *         return i < 100;
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public non-sealed interface DynamicSource<T> extends Source<T> {

    /** Opens this worker's reader. Called once per worker at start-up. */
    DynamicSourcePartition<T> build(int workerIndex, int workerCount) throws Exception;
}
