package dev.rivulet.bench;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** W1: split lines into words, count per word, emit final counts. */
final class WordCount {

    private WordCount() {
    }

    static long checksum(Map<String, Long> counts) {
        long sum = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            sum += e.getKey().hashCode() * 31L + e.getValue() * 1_000_003L;
        }
        return sum;
    }

    static long baseline(String[] lines) {
        return checksum(count(lines, 0, lines.length));
    }

    private static Map<String, Long> count(String[] lines, int from, int to) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = from; i < to; i++) {
            for (String word : lines[i].split(" ")) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The hand-written two-thread version: each thread counts half, then the maps merge. */
    static long baselineTwoThreads(String[] lines) throws InterruptedException {
        int half = lines.length / 2;
        @SuppressWarnings("unchecked")
        Map<String, Long>[] parts = new Map[2];
        Thread other = new Thread(() -> parts[1] = count(lines, half, lines.length));
        other.start();
        parts[0] = count(lines, 0, half);
        other.join();
        parts[1].forEach((word, n) -> parts[0].merge(word, n, Long::sum));
        return checksum(parts[0]);
    }

    /** W1 over generated lines, for the process-scaling figure (the flow can be shipped). */
    static Dataflow generatedFlow(int lines, int partitions) {
        Dataflow flow = new Dataflow("w1-word-count-generated");
        flow.input("lines", new GeneratedLines(lines, partitions))
                .flatMap("split", line -> Arrays.asList(line.split(" ")))
                .countFinal("count", word -> word)
                .capture("counts");
        return flow;
    }

    static long checksumOf(List<KV<String, Long>> counts) {
        Map<String, Long> map = new HashMap<>();
        for (KV<String, Long> kv : counts) {
            map.put(kv.key(), kv.value());
        }
        return checksum(map);
    }

    static Dataflow flow(String[] lines, int partitions) {
        Dataflow flow = new Dataflow("w1-word-count");
        flow.input("lines", new ArraySource<>(lines, partitions))
                .flatMap("split", line -> Arrays.asList(line.split(" ")))
                .countFinal("count", word -> word)
                .capture("counts");
        return flow;
    }

    static long rivulet(String[] lines, int workers) {
        List<KV<String, Long>> counts = Rivulet.run(flow(lines, Math.max(1, workers)), workers,
                RunOptions.defaults()).captured("counts");
        Map<String, Long> map = new HashMap<>();
        for (KV<String, Long> kv : counts) {
            map.put(kv.key(), kv.value());
        }
        return checksum(map);
    }
}
