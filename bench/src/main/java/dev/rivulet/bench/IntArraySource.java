package dev.rivulet.bench;

import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.SourcePartition;
import java.util.List;

/**
 * W3's prepared {@code int[]}, read in contiguous partitions: the flow gets the same input as
 * the limit's loop and boxes each int itself, inside the timed part. The array stays in this JVM
 * ({@link InProcess}).
 */
final class IntArraySource implements PartitionedSource<Integer, Integer> {
    private static final long serialVersionUID = 1L;

    private final String ints;
    private final int partitions;

    IntArraySource(int[] ints, int partitions) {
        this.ints = InProcess.handle(ints);
        this.partitions = partitions;
    }

    @Override
    public List<String> listParts() {
        return ArraySource.partNames(partitions);
    }

    @Override
    public SourcePartition<Integer, Integer> buildPart(String partKey, Integer resumeState) {
        int index = Integer.parseInt(partKey.substring("part-".length()));
        int[] ints = InProcess.get(this.ints);
        int start = (int) ((long) ints.length * index / partitions);
        int end = (int) ((long) ints.length * (index + 1) / partitions);
        return new SourcePartition<>() {
            private int next = resumeState == null ? start : resumeState;

            @Override
            public boolean nextBatch(List<? super Integer> out, int max) {
                int stop = Math.min(end, next + max);
                for (int i = next; i < stop; i++) {
                    out.add(ints[i]);
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
