package dev.rivulet.recovery;

import dev.rivulet.KV;
import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.SourcePartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fault-injection input: {@code keys} keys, each with the sequence numbers {@code 0 … perKey-1}
 * in order, spread over partitions (a key lives in one partition). Items become available at
 * {@code itemsPerSecond} per partition, so a run lasts long enough to be killed part-way; the
 * source never blocks. Resume position = index of the next item of the partition.
 */
public final class SequenceSource implements PartitionedSource<KV<String, Integer>, Integer> {
    private static final long serialVersionUID = 1L;

    private final int partitions;
    private final int keys;
    private final int perKey;
    private final int itemsPerSecond;

    public SequenceSource(int partitions, int keys, int perKey, int itemsPerSecond) {
        this.partitions = partitions;
        this.keys = keys;
        this.perKey = perKey;
        this.itemsPerSecond = itemsPerSecond;
    }

    /** The keys of partition {@code p}. */
    List<String> keysOf(int p) {
        List<String> owned = new ArrayList<>();
        for (int k = p; k < keys; k += partitions) {
            owned.add("key-" + k);
        }
        return owned;
    }

    @Override
    public List<String> listParts() {
        List<String> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add("seq-" + p);
        }
        return parts;
    }

    @Override
    public SourcePartition<KV<String, Integer>, Integer> buildPart(String partKey, Integer resumeState) {
        List<String> owned = keysOf(Integer.parseInt(partKey.substring(4)));
        int total = owned.size() * perKey;
        long started = System.nanoTime();
        int first = resumeState == null ? 0 : resumeState;
        return new SourcePartition<>() {
            private int next = first;

            @Override
            public boolean nextBatch(List<? super KV<String, Integer>> out, int max) {
                long allowed = first + (System.nanoTime() - started) / 1_000_000L * itemsPerSecond / 1000 + 1;
                int stop = (int) Math.min(total, Math.min(allowed, (long) next + max));
                for (; next < stop; next++) {
                    out.add(KV.of(owned.get(next % owned.size()), next / owned.size()));
                }
                return next < total;
            }

            @Override
            public Integer snapshot() {
                return next;
            }
        };
    }

    /**
     * The sequence numbers per key in the files of {@code dir} that a {@code Sinks.dir} of this
     * source's items wrote (lines {@code (key, seq)}), in file order.
     */
    public static Map<String, List<Integer>> readPerKey(Path dir) throws IOException {
        Map<String, List<Integer>> perKey = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] kv = line.substring(1, line.length() - 1).split(", ");
                    perKey.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Integer.parseInt(kv[1]));
                }
            }
        }
        return perKey;
    }
}
