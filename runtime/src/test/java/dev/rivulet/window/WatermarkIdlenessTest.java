package dev.rivulet.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.RunResult;
import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.SourcePartition;
import dev.rivulet.testing.Engines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowClock.Watermark#withIdleness}: a partition that has gone quiet stops holding the
 * step watermark back, so the windows of the partitions that keep producing close; without
 * idleness it holds them open. The same scenario on every engine (the Flink runner's mini
 * cluster runs in this JVM, so the flags below are shared with the running copies).
 */
class WatermarkIdlenessTest {
    static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
    /** Set by the step after the window when it sees the first closed window. */
    static final AtomicBoolean WINDOW_CLOSED = new AtomicBoolean();
    /** Set by the quiet partition when it ends: whether a closed window was seen by then. */
    static final AtomicBoolean CLOSED_WHILE_QUIET = new AtomicBoolean();
    static final AtomicBoolean QUIET_ENDED = new AtomicBoolean();

    record Tick(String part, Instant at) implements java.io.Serializable {
    }

    /**
     * Two partitions. "quiet" produces one tick at 0 s, then nothing until a window has closed
     * downstream (or {@code quietFor} of wall clock has passed), then ends. "busy" produces a tick
     * every 100 ms of event time, paced at one per 10 ms of wall clock so that it is still going
     * when the quiet one counts as idle, until the quiet partition has ended.
     */
    record TwoPartitions(long quietForMillis) implements PartitionedSource<Tick, Integer> {
        @Override
        public List<String> listParts() {
            return List.of("busy", "quiet");
        }

        @Override
        public SourcePartition<Tick, Integer> buildPart(String part, Integer resume) {
            long started = System.nanoTime();
            return new SourcePartition<>() {
                int next = resume == null ? 0 : resume;

                @Override
                public boolean nextBatch(List<? super Tick> out, int max) {
                    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
                    if (part.equals("quiet")) {
                        if (next == 0) {
                            out.add(new Tick(part, BASE));
                            next = 1;
                            return true;
                        }
                        if (WINDOW_CLOSED.get() || elapsedMillis >= quietForMillis) {
                            CLOSED_WHILE_QUIET.set(WINDOW_CLOSED.get());
                            QUIET_ENDED.set(true);
                            return false;
                        }
                        return true;
                    }
                    if (QUIET_ENDED.get()) {
                        return false;
                    }
                    if (elapsedMillis >= next * 10L) {
                        out.add(new Tick(part, BASE.plusMillis(next * 100L)));
                        next++;
                    }
                    return true;
                }

                @Override
                public Integer snapshot() {
                    return next;
                }
            };
        }
    }

    @BeforeEach
    void reset() {
        WINDOW_CLOSED.set(false);
        CLOSED_WHILE_QUIET.set(false);
        QUIET_ENDED.set(false);
    }

    static RunResult run(WindowClock<Tick> clock, long quietForMillis, int workers) {
        Dataflow flow = new Dataflow("idleness");
        flow.input("ticks", new TwoPartitions(quietForMillis))
                .keyBy("by-part", Tick::part)
                .foldWindow("count", clock, Windower.tumbling(Duration.ofSeconds(1), BASE), () -> 0L,
                        (n, t) -> n + 1)
                .inspect("seen", kv -> WINDOW_CLOSED.set(true))
                .capture("windows");
        return Engines.run(flow, workers);
    }

    static long firstBusyWindow(RunResult result) {
        return result.<KV<String, WindowResult<Long>>>captured("windows").stream()
                .filter(kv -> kv.key().equals("busy") && kv.value().windowId() == 0).findFirst()
                .orElseThrow().value().value();
    }

    @Test
    void aQuietPartitionStopsHoldingTheWindowsOfTheOthersOpen() {
        WindowClock<Tick> clock = WindowClock.watermark(Tick::at, Duration.ZERO).withIdleness(Duration.ofMillis(200));
        for (int workers = 1; workers <= 2; workers++) {
            reset();
            // The quiet partition waits up to a minute; the window [0 s, 1 s) of busy ends that.
            RunResult result = run(clock, 60_000, workers);
            assertThat(CLOSED_WHILE_QUIET.get()).as("a window closed while the quiet partition was quiet, -w"
                    + workers).isTrue();
            assertThat(firstBusyWindow(result)).as("ticks 0, 100, … 900 ms").isEqualTo(10);
        }
    }

    @Test
    void withoutIdlenessAQuietPartitionHoldsEveryWindowOpen() {
        RunResult result = run(WindowClock.watermark(Tick::at, Duration.ZERO), 1_500, 1);
        assertThat(CLOSED_WHILE_QUIET.get()).as("no window closed before the quiet partition ended").isFalse();
        assertThat(firstBusyWindow(result)).isEqualTo(10);
    }
}
