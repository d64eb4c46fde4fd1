package dev.rivulet;

import dev.rivulet.testing.Engines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.io.Sinks;
import dev.rivulet.io.Sources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scenarios S01, S05–S10, S18, S56–S59, S64 and Rivulet's merge/branch, on 1 and 4 workers. */
class OperatorsTest {

    private static <T> List<T> sorted(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(null);
        return copy;
    }

    private static RunResult run(Dataflow flow, int workers) {
        return Engines.run(flow, workers, RunOptions.defaults());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void mapAddsOne(int workers) {
        var flow = new Dataflow("map");
        flow.input("inp", Sources.testing(List.of(0, 1, 2))).map("add-one", x -> x + 1).capture("out");
        assertThat(sorted(run(flow, workers).<Integer>captured("out"))).containsExactly(1, 2, 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void filterMapDropsNulls(int workers) {
        var flow = new Dataflow("filter-map");
        flow.input("inp", Sources.testing(List.of(0, 1, 2, 3, 4, 5)))
                .filterMap("even-plus-one", x -> x % 2 == 1 ? null : x + 1)
                .capture("out");
        assertThat(sorted(run(flow, workers).<Integer>captured("out"))).containsExactly(1, 3, 5);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void flatMapSplits(int workers) {
        var flow = new Dataflow("flat-map");
        flow.input("inp", Sources.testing(List.of("split this")))
                .flatMap("split", s -> Arrays.asList(s.split(" ")))
                .capture("out");
        assertThat(run(flow, workers).<String>captured("out")).containsExactly("split", "this");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void filterKeepsOdd(int workers) {
        var flow = new Dataflow("filter");
        flow.input("inp", Sources.testing(List.of(1, 2, 3))).filter("odd", x -> x % 2 == 1).capture("out");
        assertThat(sorted(run(flow, workers).<Integer>captured("out"))).containsExactly(1, 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void inspectSeesItems(int workers) {
        Engines.assumeNative("reads back a list the flow's functions wrote in this JVM; other engines run copies of the functions");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var flow = new Dataflow("inspect");
        flow.input("inp", Sources.testing(List.of("a"))).inspect("look", seen::add).capture("out");
        assertThat(run(flow, workers).<String>captured("out")).containsExactly("a");
        assertThat(seen).containsExactly("a");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void inspectEpochDefaultIntervalIsEpochZero(int workers) {
        Engines.assumeNative("reads back a list the flow's functions wrote in this JVM; other engines run copies of the functions");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var flow = new Dataflow("inspect-epoch");
        flow.input("inp", Sources.testing(List.of("a")))
                .inspectEpoch("look", (epoch, x) -> seen.add(epoch + ":" + x))
                .capture("out");
        run(flow, workers);
        assertThat(seen).containsExactly("0:a");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void testingEpochsGiveOneItemPerEpoch(int workers) {
        Engines.assumeNative("epoch numbers of EpochConfig.testing(); on Flink an epoch is a checkpoint interval");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var flow = new Dataflow("testing-epochs");
        flow.input("inp", Sources.testing(List.of(0, 1, 2)))
                .inspectEpoch("look", (epoch, x) -> seen.add("Saw " + x + " @ " + epoch))
                .capture("out");
        Engines.run(flow, workers, RunOptions.defaults().epochs(EpochConfig.testing()));
        assertThat(seen).containsExactlyInAnyOrder("Saw 0 @ 0", "Saw 1 @ 1", "Saw 2 @ 2");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void twoOutputsBothSeeEverything(int workers) {
        Engines.assumeNative("reads back a list the flow's functions wrote in this JVM; other engines run copies of the functions");
        List<Integer> out1 = new ArrayList<>();
        List<Integer> out2 = new ArrayList<>();
        var flow = new Dataflow("two-outputs");
        flow.input("inp", Sources.testing(List.of(0, 1, 2)))
                .output("out1", Sinks.collect(out1))
                .output("out2", Sinks.collect(out2));
        run(flow, workers);
        assertThat(sorted(out1)).containsExactly(0, 1, 2);
        assertThat(sorted(out2)).containsExactly(0, 1, 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void captureThenMapThenCapture(int workers) {
        var flow = new Dataflow("capture-chain");
        flow.input("inp", Sources.testing(List.of("a", "b")))
                .capture("out1")
                .map("upper", String::toUpperCase)
                .capture("out2");
        RunResult result = run(flow, workers);
        assertThat(sorted(result.<String>captured("out1"))).containsExactly("a", "b");
        assertThat(sorted(result.<String>captured("out2"))).containsExactly("A", "B");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void reduceEmitsCompleteSessions(int workers) {
        record Event(String user, String type) implements java.io.Serializable {
        }
        var events = List.of(new Event("a", "login"), new Event("a", "post"), new Event("b", "login"),
                new Event("b", "logout"), new Event("a", "logout"));
        var flow = new Dataflow("sessionizer");
        flow.input("inp", Sources.testing(events))
                .keyBy("user", Event::user)
                .map("wrap", e -> List.of(e))
                .reduce("sessionizer", (a, b) -> {
                    List<Event> all = new ArrayList<>(a);
                    all.addAll(b);
                    return all;
                }, s -> s.stream().anyMatch(e -> e.type().equals("logout")))
                .capture("out");
        List<KV<String, List<Event>>> out = run(flow, workers).captured("out");
        Map<String, List<String>> byUser = out.stream().collect(Collectors.toMap(KV::key,
                kv -> kv.value().stream().map(Event::type).toList()));
        assertThat(byUser).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a", List.of("login", "post", "logout"),
                "b", List.of("login", "logout")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void reduceNeverEmitsIncomplete(int workers) {
        var flow = new Dataflow("never-complete");
        flow.input("inp", Sources.testing(List.of(1, 2, 3)))
                .keyBy("all", x -> "ALL")
                .reduce("sum", Integer::sum, acc -> false)
                .capture("out");
        assertThat(run(flow, workers).<Object>captured("out")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void statefulMapRemovesDuplicates(int workers) {
        var flow = new Dataflow("dedupe");
        flow.input("inp", Sources.testing(List.of("a", "a", "a", "a", "b")))
                .keyBy("self", x -> x)
                .statefulMap("remove_duplicates", () -> 0, (count, item) -> {
                    int seen = count + 1;
                    return StateUpdate.of(seen, seen == 1 ? item : null);
                })
                .stream()
                .filterMap("drop-none", kv -> kv.value())
                .capture("out");
        assertThat(sorted(run(flow, workers).<String>captured("out"))).containsExactly("a", "b");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void statefulMapDiscardRestartsFromBuilder(int workers) {
        var flow = new Dataflow("discard");
        flow.input("inp", Sources.testing(List.of(1, 2, 3, 4, 5)))
                .keyBy("all", x -> "k")
                .statefulMap("sum-to-three", () -> 0, (sum, x) -> {
                    int total = sum + x;
                    return total >= 3 ? StateUpdate.discard(total) : StateUpdate.of(total, total);
                })
                .capture("out");
        List<KV<String, Integer>> out = Engines.run(flow, workers,
                RunOptions.defaults().epochs(EpochConfig.testing())).captured("out");
        assertThat(out.stream().map(KV::value).toList()).containsExactly(1, 3, 3, 4, 5);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void wordCountWithFinalReduce(int workers) {
        var flow = new Dataflow("wordcount");
        flow.input("lines", Sources.testing(List.of("a b c", "b c", "c")))
                .flatMap("split", line -> Arrays.asList(line.split(" ")))
                .keyBy("by-word", w -> w)
                .map("one", w -> 1L)
                .reduce("count", Long::sum)
                .capture("out");
        List<KV<String, Long>> out = run(flow, workers).captured("out");
        assertThat(out).containsExactlyInAnyOrder(KV.of("a", 1L), KV.of("b", 2L), KV.of("c", 3L));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void mergeAndBranch(int workers) {
        var flow = new Dataflow("merge-branch");
        var left = flow.input("left", Sources.testing(List.of(1, 2, 3)));
        var right = flow.input("right", Sources.testing(List.of(10, 11)));
        Branch<Integer> parts = left.merge("both", right).branch("even-odd", x -> x % 2 == 0);
        parts.trues().capture("evens");
        parts.falses().capture("odds");
        RunResult result = run(flow, workers);
        assertThat(sorted(result.<Integer>captured("evens"))).containsExactly(2, 10);
        assertThat(sorted(result.<Integer>captured("odds"))).containsExactly(1, 3, 11);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void rangeOverManyPartitionsCountsEverything(int workers) {
        var flow = new Dataflow("range");
        flow.input("n", Sources.range(0, 100_000, 7))
                .keyBy("mod", x -> (int) (x % 10))
                .reduce("sum", Long::sum)
                .capture("out");
        List<KV<Integer, Long>> out = run(flow, workers).captured("out");
        long total = out.stream().mapToLong(KV::value).sum();
        assertThat(out).hasSize(10);
        assertThat(total).isEqualTo(99_999L * 100_000L / 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void statsCountItems(int workers) {
        var flow = new Dataflow("stats");
        flow.input("inp", Sources.testing(List.of(1, 2, 3, 4))).filter("odd", x -> x % 2 == 1).capture("out");
        RunResult result = run(flow, workers);
        assertThat(result.stats("inp").itemsOut()).isEqualTo(4);
        assertThat(result.stats("odd").itemsIn()).isEqualTo(4);
        assertThat(result.stats("out").itemsIn()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void stdoutPrintsEachItem(int workers) throws Exception {
        var flow = new Dataflow("stdout");
        flow.input("inp", Sources.testing(List.of("a", "b"))).output("print", Sinks.stdout());
        var buffer = new java.io.ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new java.io.PrintStream(buffer, true, "UTF-8"));
        try {
            run(flow, workers);
        } finally {
            System.setOut(original);
        }
        assertThat(buffer.toString("UTF-8")).isEqualTo("a\nb\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void statefulMapBuilderMayReturnNullMeaningNoStateYet(int workers) {
        var flow = new Dataflow("builder-null");
        KeyedStream.of(flow.input("inp", Sources.testing(List.of("a", "b", "a", "a", "b")))
                        .map("pair", w -> KV.of(w, w)))
                .statefulMap("seen-before", () -> null,
                        (String last, String w) -> StateUpdate.of(w, last == null ? "first " + w : "again " + w))
                .capture("out");
        List<KV<String, String>> out = run(flow, workers).captured("out");
        assertThat(out).containsExactlyInAnyOrder(KV.of("a", "first a"), KV.of("b", "first b"),
                KV.of("a", "again a"), KV.of("a", "again a"), KV.of("b", "again b"));
    }
}
