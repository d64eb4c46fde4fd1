package dev.rivulet.window;

import dev.rivulet.testing.Engines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.WindowedStream;
import dev.rivulet.io.Sinks;
import dev.rivulet.io.Sources;
import dev.rivulet.window.TimedPartitions.Ev;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WindowClock#watermark}: results follow the rule of {@link WindowClock.Watermark}
 * exactly, whatever the speed (stalls, a forced GC), the worker count, the process count, or an
 * interruption and resume.
 */
class WatermarkClockTest {
    static final Duration LATENESS = Duration.ofMillis(300);
    static final TimedPartitions SOURCE = new TimedPartitions(3, 1500, 200, 600, 2000);

    /** What the runs must produce: window sums "key@start=sum" and late items "p/index". */
    record Outcome(TreeSet<String> windows, TreeSet<String> late) {
    }

    /** The rule of {@link WindowClock.Watermark}, computed directly from the partitions. */
    static Outcome expected(TimedPartitions source, int partitions) {
        Map<String, Long> sums = new TreeMap<>();
        TreeSet<String> late = new TreeSet<>();
        long base = TimedPartitions.BASE.toEpochMilli();
        for (int p = 0; p < partitions; p++) {
            long max = Long.MIN_VALUE;
            for (Ev e : source.events(p)) {
                long t = e.time().toEpochMilli();
                long mark = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - LATENESS.toMillis();
                long index = Math.floorDiv(t - base, 1000);
                long end = base + (index + 1) * 1000;
                if (end > mark) {
                    sums.merge(e.key() + "@" + Instant.ofEpochMilli(base + index * 1000), (long) e.value(), Long::sum);
                } else {
                    late.add(e.partition() + "/" + e.index());
                }
                max = Math.max(max, t);
            }
        }
        TreeSet<String> windows = new TreeSet<>();
        sums.forEach((window, sum) -> windows.add(window + "=" + sum));
        return new Outcome(windows, late);
    }

    /** Sleeps 5–25 ms at about one item in 150, and forces a full GC once. */
    static Ev stall(Ev e) throws InterruptedException {
        int h = e.index() * 31 + e.partition() * 17;
        if (h % 151 == 0) {
            Thread.sleep(5 + h % 21);
        }
        if (e.partition() == 1 && e.index() == 700) {
            System.gc();
        }
        return e;
    }

    static Dataflow flow(TimedPartitions source, boolean stalls) {
        return flow(source, stalls, WindowClock.watermark(Ev::time, LATENESS));
    }

    static Dataflow flow(TimedPartitions source, boolean stalls, WindowClock<Ev> clock) {
        Dataflow flow = new Dataflow("watermark-sums");
        WindowedStream<String, Ev, Long> sums = flow.input("events", source)
                .map("stall", e -> stalls ? stall(e) : e)
                .keyBy("by-key", Ev::key)
                .foldWindow("sum", clock,
                        Windower.tumbling(Duration.ofSeconds(1), TimedPartitions.BASE),
                        () -> 0L, (sum, e) -> sum + e.value());
        sums.capture("sums");
        sums.late().capture("late");
        return flow;
    }

    static Outcome outcome(RunResult result) {
        TreeSet<String> windows = new TreeSet<>();
        for (KV<String, WindowResult<Long>> kv : result.<KV<String, WindowResult<Long>>>captured("sums")) {
            windows.add(kv.key() + "@" + kv.value().start() + "=" + kv.value().value());
        }
        TreeSet<String> late = new TreeSet<>();
        for (KV<String, Ev> kv : result.<KV<String, Ev>>captured("late")) {
            late.add(kv.value().partition() + "/" + kv.value().index());
        }
        assertThat(result.stats("sum").lateItems()).isEqualTo(late.size());
        return new Outcome(windows, late);
    }

    @Test
    void resultsFollowTheRuleWhateverTheSpeedWorkersAndProcesses() {
        Outcome expected = expected(SOURCE, 3);
        assertThat(expected.late()).isNotEmpty(); // the data does test lateness
        assertThat(outcome(Engines.runMain(flow(SOURCE, false)))).isEqualTo(expected);
        assertThat(outcome(Engines.runMain(flow(SOURCE, true)))).as("-w1, stalls").isEqualTo(expected);
        assertThat(outcome(Engines.run(flow(SOURCE, true), 2))).as("-w2, stalls").isEqualTo(expected);
        assertThat(outcome(Rivulet.spawnCluster(flow(SOURCE, true), 2, 1, RunOptions.defaults())))
                .as("-p2, stalls").isEqualTo(expected);
    }

    @Test
    void aTimestampInEpochMillisFollowsTheSameRule() {
        Outcome expected = expected(SOURCE, 3);
        WindowClock<Ev> millis = WindowClock.watermarkMillis(e -> e.time().toEpochMilli(), LATENESS);
        assertThat(outcome(Rivulet.runMain(flow(SOURCE, false, millis)))).as("-w1").isEqualTo(expected);
        assertThat(outcome(Rivulet.run(flow(SOURCE, true, millis), 2))).as("-w2, stalls").isEqualTo(expected);
    }

    @Test
    void aSinglePartitionReadByOneOfTwoWorkersGivesTheSameResults() {
        TimedPartitions one = new TimedPartitions(1, 3000, 200, 600, 0);
        Outcome expected = expected(one, 1);
        assertThat(outcome(Engines.run(flow(one, true), 2))).isEqualTo(expected);
    }

    record Reading(String sensor, Instant at) implements java.io.Serializable {
    }

    @Test
    void windowsOfAQuietKeyCloseWhenTheStreamsWatermarkPasses() {
        Engines.assumeNative("reads back a list the flow's functions wrote in this JVM; other engines run copies of the functions");
        Instant t0 = TimedPartitions.BASE;
        List<Reading> input = new ArrayList<>();
        input.add(new Reading("quiet", t0.plusMillis(500)));
        for (int i = 0; i <= 20; i++) {
            input.add(new Reading("busy", t0.plusMillis(500L * i)));
        }
        AtomicInteger read = new AtomicInteger();
        List<Integer> readWhenQuietClosed = new ArrayList<>();
        Dataflow flow = new Dataflow("quiet");
        flow.input("readings", Sources.testing(input))
                .inspect("count", r -> read.incrementAndGet())
                .keyBy("by-sensor", Reading::sensor)
                .collectWindow("per-second", WindowClock.watermark(Reading::at, Duration.ZERO),
                        Windower.tumbling(Duration.ofSeconds(1), t0))
                .inspect("when", kv -> {
                    if (kv.key().equals("quiet")) {
                        readWhenQuietClosed.add(read.get());
                    }
                })
                .capture("windows");
        Engines.runMain(flow, RunOptions.defaults().epochs(EpochConfig.testing()));
        // [0 s, 1 s) closes once busy's item at 1 s has been read: the 4th item.
        assertThat(readWhenQuietClosed).containsExactly(4);
    }

    static final AtomicBoolean ARMED = new AtomicBoolean();

    @Test
    void aResumedRunJudgesLatenessAsAnUninterruptedOne(@TempDir Path dir) {
        Engines.assumeNative("a re-run resumes from the SQLite recovery directory; Flink restarts from its checkpoints");
        Instant t0 = TimedPartitions.BASE;
        // After the crash, the reading at 1 s is late only because of the 5 s reading before it.
        List<Reading> input = List.of(new Reading("a", t0), new Reading("a", t0.plusSeconds(5)),
                new Reading("BOOM", t0.plusSeconds(5)), new Reading("a", t0.plusSeconds(1)),
                new Reading("a", t0.plusMillis(5500)));
        Dataflow flow = new Dataflow("resume");
        WindowedStream<String, Reading, List<Reading>> windows = flow.input("readings", Sources.testing(input))
                .filter("crash", r -> {
                    if (r.sensor().equals("BOOM") && ARMED.get()) {
                        throw new IllegalStateException("BOOM");
                    }
                    return !r.sensor().equals("BOOM");
                })
                .keyBy("by-sensor", Reading::sensor)
                .collectWindow("per-second", WindowClock.watermark(Reading::at, Duration.ofMillis(500)),
                        Windower.tumbling(Duration.ofSeconds(1), t0));
        List<Object> out = new ArrayList<>();
        windows.output("out", Sinks.collect(out));
        windows.late().output("late", Sinks.collect(out));
        RunOptions options = RunOptions.defaults().epochs(EpochConfig.testing()).recovery(RecoveryConfig.sqlite(dir));

        ARMED.set(true);
        assertThatThrownBy(() -> Engines.runMain(flow, options)).hasMessageContaining("BOOM");
        ARMED.set(false);
        RunResult resumed = Engines.runMain(flow, options);

        assertThat(resumed.stats("per-second").lateItems()).isEqualTo(1);
        assertThat(out).containsExactly(
                KV.of("a", new WindowResult<>(t0, t0.plusSeconds(1), List.of(new Reading("a", t0)), 0)),
                KV.of("a", new Reading("a", t0.plusSeconds(1))),
                KV.of("a", new WindowResult<>(t0.plusSeconds(5), t0.plusSeconds(6),
                        List.of(new Reading("a", t0.plusSeconds(5)), new Reading("a", t0.plusMillis(5500))), 5)));
    }
}
