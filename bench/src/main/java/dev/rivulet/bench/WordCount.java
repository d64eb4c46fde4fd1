package dev.rivulet.bench;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
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

    static long checksumOfCells(Map<String, long[]> counts) {
        long sum = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            sum += e.getKey().hashCode() * 31L + e.getValue()[0] * 1_000_003L;
        }
        return sum;
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

    static long rivulet(String[] lines, int workers, Engine engine) {
        List<KV<String, Long>> counts = engine.run(flow(lines, Math.max(1, workers)), workers,
                RunOptions.defaults()).captured("counts");
        Map<String, Long> map = new HashMap<>();
        for (KV<String, Long> kv : counts) {
            map.put(kv.key(), kv.value());
        }
        return checksum(map);
    }
}
