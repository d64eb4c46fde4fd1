package dev.rivulet.bench;

import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.SourcePartition;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-generated items in memory, split into contiguous partitions, so the timed part reads no
 * disk and generates nothing. Only for in-process runs (the array is not meant to be shipped).
 */
final class ArraySource<T> implements PartitionedSource<T, Integer> {
    private static final long serialVersionUID = 1L;

    private final transient T[] items;
    private final int partitions;
    private final transient java.util.function.IntFunction<T[]> partition;

    /** Contiguous slices of {@code items}. */
    ArraySource(T[] items, int partitions) {
        this.items = items;
        this.partitions = partitions;
        this.partition = null;
    }

    /** Partitions given explicitly (e.g. events split by key, each still in time order). */
    ArraySource(int partitions, java.util.function.IntFunction<T[]> partition) {
        this.items = null;
        this.partitions = partitions;
        this.partition = partition;
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
        T[] items = partition != null ? partition.apply(index) : this.items;
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
