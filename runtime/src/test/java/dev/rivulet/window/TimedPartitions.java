package dev.rivulet.window;

import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.SourcePartition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic timed events in several partitions: each partition's times grow about 10 ms
 * per item with up to {@code disorder} ms of disorder, and every 97th item is {@code lateBy} ms
 * behind (late under a smaller allowed lateness). Items of partition {@code p} start at
 * {@code p × skew} ms, so partitions are at different times, like files of different
 * machines. Resume position = index of the next item.
 */
public final class TimedPartitions implements PartitionedSource<TimedPartitions.Ev, Integer> {
    private static final long serialVersionUID = 1L;
    static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    /** One event: its partition, its index there, key, time and value. */
    public record Ev(int partition, int index, String key, Instant time, int value) implements java.io.Serializable {
    }

    private final int partitions;
    private final int perPartition;
    private final int disorder;
    private final int lateBy;
    private final int skew;

    public TimedPartitions(int partitions, int perPartition, int disorder, int lateBy, int skew) {
        this.partitions = partitions;
        this.perPartition = perPartition;
        this.disorder = disorder;
        this.lateBy = lateBy;
        this.skew = skew;
    }

    /** All events of partition {@code p}, in the order the partition produces them. */
    public List<Ev> events(int p) {
        SplittableRandom random = new SplittableRandom(1000 + p);
        List<Ev> out = new ArrayList<>();
        for (int i = 0; i < perPartition; i++) {
            long millis = (long) p * skew + i * 10L - random.nextInt(disorder + 1) - (i % 97 == 96 ? lateBy : 0);
            out.add(new Ev(p, i, "k" + random.nextInt(5), BASE.plusMillis(millis), random.nextInt(100)));
        }
        return out;
    }

    @Override
    public List<String> listParts() {
        List<String> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add("part-" + p);
        }
        return parts;
    }

    @Override
    public SourcePartition<Ev, Integer> buildPart(String partKey, Integer resumeState) {
        List<Ev> events = events(Integer.parseInt(partKey.substring(5)));
        return new SourcePartition<>() {
            private int next = resumeState == null ? 0 : resumeState;

            @Override
            public boolean nextBatch(List<? super Ev> out, int max) {
                // Small, uneven batches, so partitions interleave differently from run to run.
                int n = Math.min(max, 1 + (next * 7) % 13);
                for (int i = 0; i < n && next < events.size(); i++) {
                    out.add(events.get(next++));
                }
                return next < events.size();
            }

            @Override
            public Integer snapshot() {
                return next;
            }
        };
    }
}
