package dev.rivulet.cluster;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.io.Sources;
import dev.rivulet.io.TestingSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Flows the cluster tests run (in this JVM and, shipped as bytes, in child JVMs). */
final class ClusterFlows {

    private ClusterFlows() {
    }

    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add("the quick brown fox " + (i % 7) + " jumps over the lazy dog " + (i % 3));
        }
        return lines;
    }

    /** Splits lines into words, counts each word with keyBy + reduce. */
    static Dataflow wordCount() {
        Dataflow flow = new Dataflow("word-count");
        flow.input("lines", Sources.testing(lines()))
                .flatMap("split", line -> Arrays.asList(line.split(" ")))
                .keyBy("word", word -> word)
                .map("one", word -> 1L)
                .reduce("count", Long::sum)
                .capture("counts");
        return flow;
    }

    /** Like {@link #wordCount}, but the source pauses first, so the run lasts a while. */
    static Dataflow slowWordCount(Duration pause) {
        Dataflow flow = new Dataflow("slow-word-count");
        flow.input("lines", TestingSource.<String>builder().items(lines().subList(0, 10)).pause(pause)
                        .items(lines().subList(10, 20)).build())
                .capture("seen")
                .flatMap("split", line -> Arrays.asList(line.split(" ")))
                .keyBy("word", word -> word)
                .map("one", word -> 1L)
                .reduce("count", Long::sum)
                .capture("counts");
        return flow;
    }

    /** Many items, all exchanged by key: sums per key of 0..n-1 over 4 partitions. */
    static Dataflow manyItems(long n) {
        Dataflow flow = new Dataflow("many");
        flow.input("numbers", Sources.range(0, n, 4))
                .keyBy("mod", x -> Long.toString(x % 10))
                .reduce("sum", Long::sum)
                .capture("sums");
        return flow;
    }

    /** A map that fails on item "boom". */
    static Dataflow failsOnBoom() {
        Dataflow flow = new Dataflow("fails");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(i == 25 ? "boom" : "item-" + i);
        }
        flow.input("inp", Sources.testing(items))
                .keyBy("spread", s -> s)
                .map("explode", s -> {
                    if (s.equals("boom")) {
                        throw new IllegalArgumentException("cannot handle " + s);
                    }
                    return s.length();
                })
                .capture("out");
        return flow;
    }

    /** Counts as a sorted map, for comparing runs. */
    static Map<String, Long> counts(List<KV<String, Long>> items) {
        Map<String, Long> counts = new TreeMap<>();
        for (KV<String, Long> kv : items) {
            counts.put(kv.key(), kv.value());
        }
        return counts;
    }
}
