package dev.rivulet.bench;

import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.SourcePartition;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-generated items in memory, split into contiguous partitions, so the timed part reads no
 * disk and generates nothing. The items stay in this JVM ({@link InProcess}): a shipped copy of
 * the source (a Flink mini cluster's) reads the same array, nothing is serialized with the flow.
 */
final class ArraySource<T> implements PartitionedSource<T, Integer> {
    private static final long serialVersionUID = 1L;

    private final String items;
    private final int partitions;
    private final String partition;

    /** Contiguous slices of {@code items}. */
    ArraySource(T[] items, int partitions) {
        this.items = InProcess.handle(items);
        this.partitions = partitions;
        this.partition = null;
    }

    /** Partitions given explicitly (e.g. events split by key, each still in time order). */
    ArraySource(int partitions, java.util.function.IntFunction<T[]> partition) {
        this.items = null;
        this.partitions = partitions;
        this.partition = InProcess.handle(partition);
    }

    @Override
    public List<String> listParts() {
        return partNames(partitions);
    }

    /** {@code part-0 … part-(n-1)}. */
    static List<String> partNames(int n) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add("part-" + i);
        }
        return parts;
    }

    @Override
    public SourcePartition<T, Integer> buildPart(String partKey, Integer resumeState) {
        int index = Integer.parseInt(partKey.substring("part-".length()));
        T[] items = partition != null ? InProcess.<java.util.function.IntFunction<T[]>>get(partition).apply(index)
                : InProcess.<T[]>get(this.items);
        int start = partition != null ? 0 : (int) ((long) items.length * index / partitions);
        int end = partition != null ? items.length : (int) ((long) items.length * (index + 1) / partitions);
        return new SourcePartition<>() {
            private int next = resumeState == null ? start : resumeState;

            @Override
            public boolean nextBatch(List<? super T> out, int max) {
                int stop = Math.min(end, next + max);
                for (int i = next; i < stop; i++) {
                    out.add(items[i]);
                }
                next = stop;
                return next < end;
            }

            @Override
            public Integer snapshot() {
                return next;
            }
        };
    }
}
