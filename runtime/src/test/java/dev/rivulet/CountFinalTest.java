package dev.rivulet;

import dev.rivulet.testing.Engines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.io.Source;
import dev.rivulet.io.Sources;
import dev.rivulet.io.TestingSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code countFinal}: counts per key, combined on each worker before the exchange. */
class CountFinalTest {

    @TempDir
    Path dir;

    private static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add("to be or not to be " + (i % 11) + " that is " + (i % 4));
        }
        return lines;
    }

    private static Map<String, Long> expected(List<String> lines) {
        return new TreeMap<>(lines.stream().flatMap(l -> Arrays.stream(l.split(" ")))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
    }

    private static Dataflow wordCount(Source<String> source) {
        Dataflow flow = new Dataflow("count-final");
        flow.input("lines", source)
                .flatMap("split", line -> Arrays.asList(line.split(" ")))
                .countFinal("count", word -> word)
                .stream()
                .capture("counts");
        return flow;
    }

    private static <K> Map<K, Long> asMap(List<KV<K, Long>> counts) {
        Map<K, Long> map = new TreeMap<>();
        for (KV<K, Long> kv : counts) {
            assertThat(map.put(kv.key(), kv.value())).as("key %s emitted once", kv.key()).isNull();
        }
        return map;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void countsEqualPlainJavaAndEachKeyCrossesOncePerWorker(int workers) {
        RunResult result = Engines.run(wordCount(Sources.testing(lines())), workers);
        assertThat(asMap(result.<KV<String, Long>>captured("counts"))).isEqualTo(expected(lines()));
        long words = expected(lines()).values().stream().mapToLong(Long::longValue).sum();
        assertThat(result.stats("count/combine").itemsIn()).isEqualTo(words);
        // One partial count per key and worker reaches the reduce, not one item per word.
        assertThat(result.stats("count").itemsIn()).isLessThanOrEqualTo((long) expected(lines()).size() * workers);
    }

    @Test
    void aKeyThatCannotBeRoutedFailsNamingTheCombineStep() {
        Dataflow flow = new Dataflow("bad-key");
        flow.input("things", Sources.testing(List.of("a", "b")))
                .countFinal("count", s -> new Object())
                .stream()
                .capture("counts");
        RivuletException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> Engines.runMain(flow), RivuletException.class);
        assertThat(failure.stepId()).isEqualTo("count/combine");
        assertThat(failure.getMessage()).contains("the key function returned", "java.lang.Object");
    }

    @Test
    void testingEpochsGiveTheSameTotals() {
        RunResult result = Engines.run(wordCount(Sources.testing(lines())), 2,
                RunOptions.defaults().epochs(EpochConfig.testing()));
        assertThat(asMap(result.<KV<String, Long>>captured("counts"))).isEqualTo(expected(lines()));
    }

    @Test
    void moreKeysThanTheCombinerHoldsAreSentOnEarlyAndStillCountedOnce() {
        long n = 250_000;
        Dataflow flow = new Dataflow("many-keys");
        flow.input("numbers", Sources.range(0, n, 2))
                .flatMap("twice", x -> List.of(x, x))
                .countFinal("count", x -> x)
                .stream()
                .capture("counts");
        List<KV<Long, Long>> counts = Engines.run(flow, 2).captured("counts");
        assertThat(counts).hasSize((int) n);
        assertThat(counts).allSatisfy(kv -> assertThat(kv.value()).isEqualTo(2L));
        assertThat(counts.stream().mapToLong(KV::key).sum()).isEqualTo(LongStream.range(0, n).sum());
    }

    @Test
    void resumesAfterAFailureWithEveryWordCountedOnce() {
        Engines.assumeNative("a re-run resumes from the SQLite recovery directory; Flink restarts from its checkpoints");
        List<String> lines = lines();
        TestingSource<String> source = TestingSource.<String>builder().items(lines.subList(0, 120)).abort()
                .items(lines.subList(120, lines.size())).build();
        RunOptions options = RunOptions.defaults().epochs(EpochConfig.testing()).recovery(RecoveryConfig.sqlite(dir));
        assertThatThrownBy(() -> Engines.run(wordCount(source), 2, options)).isInstanceOf(RivuletException.class);
        RunResult resumed = Engines.run(wordCount(source), 2, options);
        assertThat(asMap(resumed.<KV<String, Long>>captured("counts"))).isEqualTo(expected(lines));
    }

    @Test
    void countsOnTwoProcessesEqualPlainJava() {
        Engines.assumeNative("spawnCluster is the native engine's");
        RunResult result = Rivulet.spawnCluster(wordCount(Sources.testing(lines())), 2, 1, RunOptions.defaults());
        assertThat(asMap(result.<KV<String, Long>>captured("counts"))).isEqualTo(expected(lines()));
    }
}
