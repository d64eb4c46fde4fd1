package dev.rivulet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Branch;
import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.io.DynamicSink;
import dev.rivulet.io.Sources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code keyBy} emits keyed batches (keys and values in two arrays, no {@code KV} per item); every
 * step that is not keyed must still see {@code KV} items, whatever mixes of layouts reach it.
 */
class KeyedBatchesTest {
    static final List<Integer> NUMBERS = IntStream.range(0, 5_000).boxed().toList();

    static List<String> sorted(List<?> items) {
        List<String> text = new ArrayList<>();
        for (Object item : items) {
            text.add(String.valueOf(item));
        }
        Collections.sort(text);
        return text;
    }

    static List<String> expectedPairs(int modulo) {
        return sorted(NUMBERS.stream().map(n -> KV.of(n % modulo, n)).toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aMergeOfKeyedAndWholeItemsCapturesEveryPair(int workers) {
        Dataflow flow = new Dataflow("merge-layouts");
        var numbers = flow.input("numbers", Sources.testing(NUMBERS));
        var keyed = numbers.filter("even", n -> n % 2 == 0).keyBy("by-mod", n -> n % 7).stream();
        var whole = numbers.filter("odd", n -> n % 2 == 1).map("pair", n -> KV.of(n % 7, n));
        keyed.merge("both", whole).capture("out");
        assertThat(sorted(Rivulet.run(flow, workers).captured("out"))).isEqualTo(expectedPairs(7));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void branchInspectAndSinkSeeKvItems(int workers) {
        ConcurrentLinkedQueue<Object> sunk = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Object> inspected = new ConcurrentLinkedQueue<>();
        String sinkHandle = Handles.put(sunk);
        String inspectHandle = Handles.put(inspected);
        Dataflow flow = new Dataflow("kv-readers");
        var pairs = flow.input("numbers", Sources.testing(NUMBERS)).keyBy("by-mod", n -> n % 5).stream()
                .inspectEpoch("look", (epoch, kv) -> Handles.<ConcurrentLinkedQueue<Object>>get(inspectHandle).add(kv));
        Branch<KV<Integer, Integer>> branch = pairs.branch("small-key", kv -> kv.key() < 2);
        branch.trues().capture("small");
        branch.falses().capture("large");
        DynamicSink<KV<Integer, Integer>> sink = (worker, count) -> items -> {
            for (KV<Integer, Integer> kv : items) {
                Handles.<ConcurrentLinkedQueue<Object>>get(sinkHandle).add(kv.key() + "=" + kv.value());
            }
        };
        pairs.output("sink", sink);
        RunResult result = Rivulet.run(flow, workers);
        List<Object> both = new ArrayList<>(result.captured("small"));
        both.addAll(result.captured("large"));
        assertThat(sorted(both)).isEqualTo(expectedPairs(5));
        assertThat(result.<KV<Integer, Integer>>captured("small")).allMatch(kv -> kv.key() < 2);
        assertThat(sorted(new ArrayList<>(inspected))).isEqualTo(expectedPairs(5));
        assertThat(sorted(new ArrayList<>(sunk))).isEqualTo(sorted(NUMBERS.stream().map(n -> (n % 5) + "=" + n).toList()));
    }

    static Map<Integer, Integer> expectedSums(int modulo) {
        return new TreeMap<>(NUMBERS.stream().collect(Collectors.groupingBy(n -> n % modulo, Collectors.summingInt(n -> n))));
    }

    static Dataflow sums() {
        Dataflow flow = new Dataflow("keyed-sums");
        flow.input("numbers", Sources.testing(NUMBERS)).keyBy("by-mod", n -> n % 11)
                .reduce("sum", Integer::sum).stream().capture("sums");
        return flow;
    }

    static Map<Integer, Integer> lastPerKey(List<KV<Integer, Integer>> sums) {
        Map<Integer, Integer> last = new TreeMap<>();
        for (KV<Integer, Integer> kv : sums) {
            last.merge(kv.key(), kv.value(), Math::max);
        }
        return last;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void keyedItemsCrossWorkersIntoAKeyedStep(int workers) {
        assertThat(lastPerKey(Rivulet.run(sums(), workers).captured("sums"))).isEqualTo(expectedSums(11));
    }

    @ParameterizedTest
    @ValueSource(ints = {2})
    void keyedItemsCrossProcessesOverTheMesh(int processes) {
        RunResult result = Rivulet.spawnCluster(sums(), processes, 1, RunOptions.defaults());
        assertThat(lastPerKey(result.captured("sums"))).isEqualTo(expectedSums(11));
    }

    /** In-process handles, so the flow's functions capture a string, not the collections. */
    static final class Handles {
        private static final Map<String, Object> HANDLES = new java.util.concurrent.ConcurrentHashMap<>();

        static String put(Object value) {
            String handle = java.util.UUID.randomUUID().toString();
            HANDLES.put(handle, value);
            return handle;
        }

        @SuppressWarnings("unchecked")
        static <T> T get(String handle) {
            return (T) HANDLES.get(handle);
        }
    }
}
