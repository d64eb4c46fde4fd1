package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rivulet.io.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chains of stateless steps run fused into the step before them: results, per-step statistics
 * and failures must be exactly those of unfused steps.
 */
class FusionTest {

    private static final long N = 10_000;

    /** input → map → filter → flatMap → filterMap → inspect → keyBy → map(values) → filter(values). */
    private static Dataflow longChain(AtomicLong inspected) {
        return longChain(inspected, 3);
    }

    private static Dataflow longChain(AtomicLong inspected, int partitions) {
        Dataflow flow = new Dataflow("long-chain");
        flow.input("numbers", Sources.range(0, N, partitions))
                .map("triple", x -> x * 3)
                .filter("odd", x -> x % 2 == 1)
                .flatMap("both-signs", x -> List.of(x, -x))
                .filterMap("not-five", x -> x % 5 == 0 ? null : x)
                .inspect("count-seen", x -> inspected.incrementAndGet())
                .keyBy("mod-7", x -> Math.floorMod(x, 7L))
                .map("plus-one", x -> x + 1)
                .filter("positive", x -> x > 0)
                .stream()
                .capture("out");
        return flow;
    }

    private static List<Long> expectedChain() {
        return LongStream.range(0, N).map(x -> x * 3).filter(x -> x % 2 == 1)
                .flatMap(x -> LongStream.of(x, -x)).filter(x -> x % 5 != 0)
                .map(x -> x + 1).filter(x -> x > 0).sorted().boxed().toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aLongChainGivesWhatPlainJavaGives(int workers) {
        AtomicLong inspected = new AtomicLong();
        RunResult result = Rivulet.run(longChain(inspected), workers);
        List<KV<Long, Long>> out = result.captured("out");
        List<Long> values = out.stream().map(KV::value).sorted().toList();
        assertThat(values).isEqualTo(expectedChain());
        assertThat(out).allSatisfy(kv -> assertThat(kv.key()).isEqualTo(Math.floorMod(kv.value() - 1, 7L)));
        long seen = LongStream.range(0, N).map(x -> x * 3).filter(x -> x % 2 == 1)
                .flatMap(x -> LongStream.of(x, -x)).filter(x -> x % 5 != 0).count();
        assertThat(inspected.get()).isEqualTo(seen);
    }

    /**
     * With at least as many partitions as workers an input keeps its items, and the chain is fused
     * onto it on every worker; with fewer, the input balances its batches and the chain gets a
     * vertex after the exchange. Both give the same items and statistics.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2x2", "2x5", "3x1", "3x2"})
    void aChainAfterAnInputGivesTheSameWhetherTheInputBalancesOrNot(String workersByPartitions) {
        int workers = Integer.parseInt(workersByPartitions.split("x")[0]);
        int partitions = Integer.parseInt(workersByPartitions.split("x")[1]);
        AtomicLong inspected = new AtomicLong();
        RunResult result = Rivulet.run(longChain(inspected, partitions), workers);
        List<KV<Long, Long>> out = result.captured("out");
        assertThat(out.stream().map(KV::value).sorted().toList()).isEqualTo(expectedChain());
        assertThat(result.stats("triple").itemsIn()).isEqualTo(N);
        assertThat(result.stats("positive").itemsIn()).isEqualTo(inspected.get());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void everyFusedStepCountsItsOwnItems(int workers) {
        RunResult result = Rivulet.run(longChain(new AtomicLong()), workers);
        long odd = LongStream.range(0, N).map(x -> x * 3).filter(x -> x % 2 == 1).count();
        long signed = 2 * odd;
        long notFive = LongStream.range(0, N).map(x -> x * 3).filter(x -> x % 2 == 1)
                .flatMap(x -> LongStream.of(x, -x)).filter(x -> x % 5 != 0).count();
        assertThat(result.stats("triple").itemsIn()).isEqualTo(N);
        assertThat(result.stats("odd").itemsIn()).isEqualTo(N);
        assertThat(result.stats("both-signs").itemsIn()).isEqualTo(odd);
        assertThat(result.stats("not-five").itemsIn()).isEqualTo(signed);
        assertThat(result.stats("count-seen").itemsIn()).isEqualTo(notFive);
        assertThat(result.stats("mod-7").itemsIn()).isEqualTo(notFive);
        assertThat(result.stats("plus-one").itemsIn()).isEqualTo(notFive);
        assertThat(result.stats("positive").itemsIn()).isEqualTo(notFive);
        assertThat(result.stats("out").itemsIn()).isEqualTo(expectedChain().size());
    }

    @Test
    void aFailureInsideAFusedChainNamesTheStepThatFailedAndItsItem() {
        Dataflow flow = new Dataflow("picky-chain");
        flow.input("numbers", Sources.range(0, 100))
                .map("double", x -> x * 2)
                .filter("picky", x -> {
                    if (x == 26) {
                        throw new IllegalArgumentException("no 26 here");
                    }
                    return true;
                })
                .map("plus-one", x -> x + 1)
                .capture("out");
        RivuletException failure = catchThrowableOfType(() -> Rivulet.runMain(flow), RivuletException.class);
        assertThat(failure.stepId()).isEqualTo("picky");
        assertThat(failure.operator()).isEqualTo("filter");
        assertThat(failure.item()).isEqualTo("26");
        assertThat(failure.getMessage()).contains("step 'picky'", "no 26 here");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aStreamReadByTwoStepsReachesBoth(int workers) {
        Dataflow flow = new Dataflow("fan-out");
        DataStream<Long> doubled = flow.input("numbers", Sources.range(0, 1_000, 2)).map("double", x -> x * 2);
        doubled.map("plus-one", x -> x + 1).capture("odds");
        doubled.filter("big", x -> x >= 1_000).capture("bigs");
        RunResult result = Rivulet.run(flow, workers);
        assertThat(sortedLongs(result.captured("odds")))
                .isEqualTo(LongStream.range(0, 1_000).map(x -> x * 2 + 1).boxed().toList());
        assertThat(sortedLongs(result.captured("bigs")))
                .isEqualTo(LongStream.range(500, 1_000).map(x -> x * 2).boxed().toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void eachBranchRunsItsOwnChain(int workers) {
        Dataflow flow = new Dataflow("branches");
        Branch<Long> branch = flow.input("numbers", Sources.range(0, 100, 2)).branch("even", x -> x % 2 == 0);
        branch.trues().map("half", x -> x / 2).filter("small", x -> x < 10).capture("evens");
        branch.falses().map("negate", x -> -x).capture("odds");
        RunResult result = Rivulet.run(flow, workers);
        assertThat(sortedLongs(result.captured("evens"))).isEqualTo(LongStream.range(0, 10).boxed().toList());
        assertThat(sortedLongs(result.captured("odds")))
                .isEqualTo(LongStream.range(0, 100).filter(x -> x % 2 == 1).map(x -> -x).sorted().boxed().toList());
        assertThat(result.stats("small").itemsIn()).isEqualTo(50);
    }

    @Test
    void keyedChainsAfterAnExchangeKeepTheirKeys() {
        Dataflow flow = new Dataflow("after-exchange");
        flow.input("numbers", Sources.range(0, 1_000, 4))
                .keyBy("mod-3", x -> x % 3)
                .reduce("sum", Long::sum)
                .map("halve", x -> x / 2)
                .filter("any", x -> true)
                .stream()
                .capture("out");
        Map<Long, Long> expected = new TreeMap<>(LongStream.range(0, 1_000).boxed()
                .collect(Collectors.groupingBy(x -> x % 3, Collectors.summingLong(x -> x))));
        expected.replaceAll((k, v) -> v / 2);
        List<KV<Long, Long>> out = Rivulet.run(flow, 3).captured("out");
        Map<Long, Long> actual = new TreeMap<>();
        out.forEach(kv -> actual.put(kv.key(), kv.value()));
        assertThat(actual).isEqualTo(expected);
    }

    private static List<Long> sortedLongs(List<Long> items) {
        List<Long> copy = new ArrayList<>(items);
        copy.sort(null);
        return copy;
    }
}
