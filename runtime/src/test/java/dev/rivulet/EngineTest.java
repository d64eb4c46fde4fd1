package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.io.Sources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exchange, epochs and progress under several workers. */
class EngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    @Timeout(60)
    void chainedKeyedStepsWithShortEpochsCountEverything(int workers) {
        var flow = new Dataflow("chained");
        flow.input("n", Sources.range(0, 200_000, 3))
                .keyBy("mod-1000", x -> (int) (x % 1000))
                .reduce("count-per-1000", (a, b) -> a + b)
                .stream()
                .keyBy("mod-10", kv -> kv.key() % 10)
                .map("value", kv -> kv.value())
                .reduce("sum-per-10", Long::sum)
                .capture("out");
        RunResult result = Rivulet.run(flow, workers,
                RunOptions.defaults().epochs(EpochConfig.periodic(Duration.ofMillis(2))));
        List<KV<Integer, Long>> out = result.captured("out");
        Map<Integer, Long> expected = new java.util.HashMap<>();
        for (long x = 0; x < 200_000; x++) {
            expected.merge((int) (x % 1000) % 10, x, Long::sum);
        }
        assertThat(out.stream().collect(Collectors.toMap(KV::key, KV::value))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    @Timeout(60)
    void testingEpochsNeverMixItemsOfAPartition(int workers) {
        Map<Long, AtomicLong> perEpoch = new ConcurrentHashMap<>();
        var flow = new Dataflow("testing-epochs");
        flow.input("n", Sources.range(0, 300, 3))
                .inspectEpoch("count", (epoch, x) -> perEpoch.computeIfAbsent(epoch, e -> new AtomicLong())
                        .incrementAndGet())
                .capture("out");
        RunResult result = Rivulet.run(flow, workers, RunOptions.defaults().epochs(EpochConfig.testing()));
        assertThat(result.<Long>captured("out")).hasSize(300);
        assertThat(perEpoch.values()).allSatisfy(n -> assertThat(n.get()).isLessThanOrEqualTo(3));
        assertThat(perEpoch).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(60)
    void keyedOutputsFollowInputEpochs(int workers) {
        // Each item's reduce output must carry the item's epoch: with testing epochs, item i → epoch i.
        Map<Long, Long> epochOf = new ConcurrentHashMap<>();
        var flow = new Dataflow("epochs-through-exchange");
        flow.input("n", Sources.testing(List.of(0L, 1L, 2L, 3L, 4L, 5L)))
                .keyBy("k", x -> x % 2)
                .statefulMap("running", () -> 0L, (s, x) -> StateUpdate.of(s + x, x))
                .stream()
                .inspectEpoch("epochs", (epoch, kv) -> epochOf.put(kv.value(), epoch))
                .capture("out");
        Rivulet.run(flow, workers, RunOptions.defaults().epochs(EpochConfig.testing()));
        assertThat(epochOf).isEqualTo(Map.of(0L, 0L, 1L, 1L, 2L, 2L, 3L, 3L, 4L, 4L, 5L, 5L));
    }
}
