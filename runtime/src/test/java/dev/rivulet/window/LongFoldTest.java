package dev.rivulet.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.KeyedStream;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.WindowedStream;
import dev.rivulet.fn.FoldFn;
import dev.rivulet.io.Sources;
import dev.rivulet.io.TestingSource;
import dev.rivulet.testing.Engines;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code foldWindow} into a primitive {@code long} (a {@link dev.rivulet.fn.LongFoldFn}, kept in
 * place per window) gives exactly what the boxed fold gives, for every windower and clock, on one
 * worker and several, and through a resume from recovery.
 */
class LongFoldTest {
    static final Instant A = Instant.parse("2024-01-01T00:00:00Z");

    record Sale(String shop, long atMillis, long cents) implements java.io.Serializable {
    }

    @TempDir
    Path dir;

    /** Out of order within 300 ms, three shops, gaps so that sessions split and merge. */
    static List<Sale> sales() {
        List<Sale> sales = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        long t = A.toEpochMilli();
        for (int i = 0; i < 3_000; i++) {
            t += i % 97 == 0 ? 4_000 : 1 + random.nextInt(40);
            sales.add(new Sale("shop-" + random.nextInt(3), t - random.nextInt(300), 1 + random.nextInt(1_000)));
        }
        return sales;
    }

    static Windower windower(String name) {
        return switch (name) {
            case "tumbling" -> Windower.tumbling(Duration.ofSeconds(1), A);
            case "sliding" -> Windower.sliding(Duration.ofSeconds(2), Duration.ofMillis(500), A);
            case "session" -> Windower.session(Duration.ofSeconds(2));
            default -> throw new IllegalArgumentException(name);
        };
    }

    static WindowClock<Sale> clock(String name) {
        return switch (name) {
            case "watermark" -> WindowClock.watermarkMillis(Sale::atMillis, Duration.ofMillis(300));
            case "eventTime" -> WindowClock.eventTime(s -> Instant.ofEpochMilli(s.atMillis()), Duration.ofSeconds(30));
            default -> throw new IllegalArgumentException(name);
        };
    }

    static List<String> run(Function<KeyedStream<String, Sale>, WindowedStream<String, Sale, Long>> window,
            int workers) {
        Dataflow flow = new Dataflow("long-fold");
        WindowedStream<String, Sale, Long> windows = window.apply(
                flow.input("sales", Sources.testing(sales())).keyBy("by-shop", Sale::shop));
        windows.capture("out");
        windows.late().map("late-cents", Sale::cents).capture("late");
        var result = Engines.run(flow, workers);
        List<String> lines = new ArrayList<>();
        for (KV<String, WindowResult<Long>> kv : result.<KV<String, WindowResult<Long>>>captured("out")) {
            lines.add(kv.key() + " " + kv.value());
        }
        for (KV<String, Long> kv : result.<KV<String, Long>>captured("late")) {
            lines.add("late " + kv.key() + " " + kv.value());
        }
        lines.sort(Comparator.naturalOrder());
        return lines;
    }

    @ParameterizedTest
    @CsvSource({"tumbling,watermark,1", "tumbling,watermark,3", "sliding,watermark,1", "sliding,watermark,3",
            "session,watermark,1", "session,watermark,3", "tumbling,eventTime,1", "sliding,eventTime,3",
            "session,eventTime,3"})
    void equalsTheBoxedFold(String windowerName, String clockName, int workers) {
        FoldFn<Long, Sale> boxed = (sum, s) -> sum + s.cents();
        List<String> expected = run(k -> k.foldWindow("sum", clock(clockName), windower(windowerName),
                () -> 0L, boxed), workers);
        List<String> primitive = run(k -> k.foldWindow("sum", clock(clockName), windower(windowerName),
                0L, (sum, s) -> sum + s.cents()), workers);
        assertThat(expected).hasSizeGreaterThan(30);
        assertThat(primitive).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"tumbling,1", "session,3"})
    void sessionsWithAMergerAndAStartOtherThanZero(String windowerName, int workers) {
        FoldFn<Long, Sale> boxed = (max, s) -> Math.max(max, s.cents());
        List<String> expected = run(k -> k.foldWindow("max", clock("watermark"), windower(windowerName),
                () -> -1L, boxed, Math::max), workers);
        List<String> primitive = run(k -> k.foldWindow("max", clock("watermark"), windower(windowerName),
                () -> -1L, (dev.rivulet.fn.LongFoldFn<Sale>) (max, s) -> Math.max(max, s.cents()), Math::max),
                workers);
        assertThat(primitive).isEqualTo(expected);
    }

    @Test
    void resumesFromRecoveryWithTheSameSums() {
        Engines.assumeNative("a re-run resumes from the SQLite recovery directory; Flink restarts from its checkpoints");
        List<Sale> sales = sales();
        TestingSource<Sale> source = TestingSource.<Sale>builder().items(sales.subList(0, 1_700)).abort()
                .items(sales.subList(1_700, sales.size())).build();
        RunOptions options = RunOptions.defaults().epochs(EpochConfig.testing()).recovery(RecoveryConfig.sqlite(dir));
        List<KV<String, WindowResult<Long>>> emitted = new ArrayList<>();
        Function<TestingSource<Sale>, Dataflow> flowOf = input -> {
            Dataflow flow = new Dataflow("long-fold-resume");
            flow.input("sales", input).keyBy("by-shop", Sale::shop)
                    .foldWindow("sum", clock("watermark"), windower("tumbling"), 0L, (sum, s) -> sum + s.cents())
                    .capture("out");
            return flow;
        };
        RivuletException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> Engines.run(flowOf.apply(source), 2, options), RivuletException.class);
        assertThat(failure).isNotNull();
        emitted.addAll(failure.partialResult().<KV<String, WindowResult<Long>>>captured("out"));
        emitted.addAll(Engines.run(flowOf.apply(source), 2, options).<KV<String, WindowResult<Long>>>captured("out"));

        Dataflow clean = flowOf.apply(TestingSource.<Sale>builder().items(sales).build());
        java.util.Map<String, Long> expected = new java.util.TreeMap<>();
        for (KV<String, WindowResult<Long>> kv : Engines.run(clean, 2).<KV<String, WindowResult<Long>>>captured("out")) {
            expected.put(kv.key() + " #" + kv.value().windowId(), kv.value().value());
        }
        // A window emitted in the epoch that failed is emitted again by the resumed run (its
        // epoch is replayed): with the same sum, since the resumed fold starts from the snapshot.
        java.util.Map<String, Long> got = new java.util.TreeMap<>();
        for (KV<String, WindowResult<Long>> kv : emitted) {
            Long before = got.put(kv.key() + " #" + kv.value().windowId(), kv.value().value());
            assertThat(before == null || before.equals(kv.value().value())).as("window %s emitted twice with "
                    + "different sums", kv).isTrue();
        }
        assertThat(got).isEqualTo(expected).hasSizeGreaterThan(10);
    }

    @Test
    void aBuilderThatIsNotALongNamesTheStep() {
        Dataflow flow = new Dataflow("bad-initial");
        flow.input("sales", Sources.testing(sales().subList(0, 3))).keyBy("by-shop", Sale::shop)
                .foldWindow("sum", clock("watermark"), windower("tumbling"),
                        () -> (Long) null, (dev.rivulet.fn.LongFoldFn<Sale>) (sum, s) -> sum + s.cents())
                .capture("out");
        assertThatThrownBy(() -> Engines.runMain(flow)).isInstanceOf(RivuletException.class)
                .hasMessageContaining("sum");
    }
}
