package dev.rivulet.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbers {@code [from, to)} split into contiguous partitions; resume position = the next
 * number of each partition. See {@link Sources#range}.
 */
public final class RangeSource implements PartitionedSource<Long, Long> {
    private static final long serialVersionUID = 1L;

    private final long from;
    private final long to;
    private final int partitions;

    RangeSource(long from, long to, int partitions) {
        if (to < from) {
            throw new IllegalArgumentException("range: 'to' (" + to + ") is below 'from' (" + from + ")");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("range: partitions must be at least 1, got " + partitions);
        }
        this.from = from;
        this.to = to;
        this.partitions = partitions;
    }

    @Override
    public List<String> listParts() {
        List<String> parts = new ArrayList<>();
        int digits = String.valueOf(partitions - 1).length();
        for (int i = 0; i < partitions; i++) {
            parts.add("range-" + String.format("%0" + digits + "d", i));
        }
        return parts;
    }

    @Override
    public SourcePartition<Long, Long> buildPart(String partKey, Long resumeState) {
        int index = Integer.parseInt(partKey.substring("range-".length()));
        long span = to - from;
        long start = from + span * index / partitions;
        long end = from + span * (index + 1) / partitions;
        return new SourcePartition<>() {
            private long next = resumeState == null ? start : resumeState;

            @Override
            public boolean nextBatch(List<? super Long> out, int max) {
                for (int i = 0; i < max && next < end; i++) {
                    out.add(next++);
                }
                return next < end;
            }

            @Override
            public Long snapshot() {
                return next;
            }

            @Override
            public long estimatedSize() {
                return end - start;
            }

            @Override
            public long consumed() {
                return next - start;
            }
        };
    }
}
