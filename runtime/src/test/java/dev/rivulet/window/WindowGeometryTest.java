package dev.rivulet.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.window.internals.ClockState;
import dev.rivulet.window.internals.CollectAggregator;
import dev.rivulet.window.internals.OpenWindow;
import dev.rivulet.window.internals.SessionWindows;
import dev.rivulet.window.internals.SlidingWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** S67 (event clock), S68/S69 (sliding geometry), S71 (sessions, corrected), far alignments. */
class WindowGeometryTest {

    private static long ms(String isoTime) {
        return Instant.parse(isoTime).toEpochMilli();
    }

    @Test
    void s67EventClockWatermarkNeverGoesBackAndEndsAtEof() throws Exception {
        long now = ms("2023-05-10T09:00:00Z");
        ClockState.EventTime clock = new ClockState.EventTime(10_000);
        assertThat(clock.watermark(now)).isEqualTo(Long.MIN_VALUE);
        assertThat(clock.onItem(ms("2023-03-16T09:00:00Z"), now)).isEqualTo(ms("2023-03-16T08:59:50Z"));
        assertThat(clock.watermark(now + 2_000)).isEqualTo(ms("2023-03-16T08:59:52Z"));
        assertThat(clock.onItem(ms("2023-03-16T09:01:00Z"), now + 4_000)).isEqualTo(ms("2023-03-16T09:00:50Z"));
        assertThat(clock.onItem(ms("2023-03-16T09:01:01Z"), now + 6_000)).isEqualTo(ms("2023-03-16T09:00:52Z"));
        clock.eof();
        assertThat(clock.watermark(now + 8_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(clock.watermark(now + 10_000)).isEqualTo(Long.MAX_VALUE);

        ClockState restored = roundTrip(clock);
        assertThat(restored.watermark(now + 12_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void eventClockWakesExactlyWhenTheWatermarkReachesATime() {
        ClockState.EventTime clock = new ClockState.EventTime(1_000);
        clock.onItem(50_000, 7);
        long wake = clock.wakeAt(52_000);
        assertThat(clock.watermark(wake)).isEqualTo(52_000);
        assertThat(clock.watermark(wake - 1)).isLessThan(52_000);
    }

    private static String pairs(SlidingWindows windows, String time) {
        return windows.windowsOf(ms("2023-03-16T" + time + "Z")).stream()
                .map(p -> "(" + p[0] + "," + Instant.ofEpochMilli(p[1]).toString().substring(11, 19) + ")")
                .collect(Collectors.joining(""));
    }

    @Test
    void s68SlidingWindowsOverlap() {
        SlidingWindows w = new SlidingWindows(10_000, 5_000, ms("2023-03-16T09:00:00Z"));
        assertThat(pairs(w, "09:00:13")).isEqualTo("(1,09:00:15)(2,09:00:20)");
        assertThat(pairs(w, "08:59:57")).isEqualTo("(-2,09:00:00)(-1,09:00:05)");
        assertThat(pairs(w, "09:00:03")).isEqualTo("(-1,09:00:05)(0,09:00:10)");
        assertThat(pairs(w, "09:00:15")).isEqualTo("(2,09:00:20)(3,09:00:25)");
        assertThat(pairs(w, "09:00:00")).isEqualTo("(-1,09:00:05)(0,09:00:10)");
        assertThat(pairs(w, "09:00:10")).isEqualTo("(1,09:00:15)(2,09:00:20)");
    }

    @Test
    void s69OtherShapesIncludingTumblingAndGaps() {
        long align = ms("2023-03-16T09:00:00Z");
        SlidingWindows off3 = new SlidingWindows(10_000, 3_000, align);
        assertThat(pairs(off3, "09:00:11")).isEqualTo("(1,09:00:13)(2,09:00:16)(3,09:00:19)");
        assertThat(pairs(off3, "08:59:59")).isEqualTo("(-3,09:00:01)(-2,09:00:04)(-1,09:00:07)");
        assertThat(pairs(off3, "09:00:05")).isEqualTo("(-1,09:00:07)(0,09:00:10)(1,09:00:13)");
        SlidingWindows off7 = new SlidingWindows(10_000, 7_000, align);
        assertThat(pairs(off7, "09:00:14")).isEqualTo("(1,09:00:17)(2,09:00:24)");
        assertThat(pairs(off7, "09:00:17")).isEqualTo("(2,09:00:24)");
        assertThat(pairs(off7, "09:00:10")).isEqualTo("(1,09:00:17)");
        SlidingWindows tumbling = new SlidingWindows(10_000, 10_000, align);
        assertThat(pairs(tumbling, "09:00:15")).isEqualTo("(1,09:00:20)");
        assertThat(pairs(tumbling, "08:59:55")).isEqualTo("(-1,09:00:00)");
        assertThat(pairs(tumbling, "09:00:00")).isEqualTo("(0,09:00:10)");
        assertThat(pairs(tumbling, "09:00:10")).isEqualTo("(1,09:00:20)");
        SlidingWindows gaps = new SlidingWindows(10_000, 13_000, align);
        assertThat(pairs(gaps, "09:00:18")).isEqualTo("(1,09:00:23)");
        assertThat(pairs(gaps, "08:59:48")).isEqualTo("(-1,08:59:57)");
        assertThat(pairs(gaps, "09:00:12")).isEmpty();
        assertThat(pairs(gaps, "09:00:23")).isEmpty();
        assertThat(pairs(gaps, "09:00:10")).isEmpty();
    }

    @Test
    void windowsFarFromTheirAlignmentDoNotOverflow() {
        // Bytewax multiplied the window index as a 32-bit int; 1 ms windows aligned at the epoch
        // reach indices in the trillions for today's dates.
        long t = ms("2024-06-01T12:00:00.123Z");
        SlidingWindows ms1 = new SlidingWindows(1, 1, 0);
        assertThat(ms1.windowsOf(t)).singleElement().satisfies(p -> {
            assertThat(p[0]).isEqualTo(t);
            assertThat(p[1]).isEqualTo(t + 1);
        });
        long farFuture = ms("3000-01-01T00:00:00Z");
        SlidingWindows before = new SlidingWindows(60_000, 60_000, farFuture);
        assertThat(before.windowsOf(t)).singleElement().satisfies(p -> {
            assertThat(p[1] - 60_000).isLessThanOrEqualTo(t);
            assertThat(p[1]).isGreaterThan(t);
            assertThat((farFuture - p[1]) % 60_000).isZero();
        });
    }

    @Test
    void s71SessionsMergeKeepingEveryValueAndTheSmallerId() throws Exception {
        long t0 = ms("2023-03-16T09:00:00Z");
        CollectAggregator collect = new CollectAggregator();
        SessionWindows sessions = new SessionWindows(5_000);
        assertThat(sessions.insert(t0, "a", Long.MIN_VALUE, collect)).isFalse();
        assertThat(sessions.insert(t0 + 6_000, "b", Long.MIN_VALUE, collect)).isFalse();
        assertThat(sessions.sessions()).hasSize(2);
        // t0+3 is within the gap of both: it bridges them into one session.
        assertThat(sessions.insert(t0 + 3_000, "c", Long.MIN_VALUE, collect)).isFalse();
        List<OpenWindow> open = sessions.sessions();
        assertThat(open).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(1);
            assertThat(s.start()).isEqualTo(t0);
            assertThat(s.end()).isEqualTo(t0 + 11_000);
            assertThat(collect.result(s.acc())).isEqualTo(List.of("a", "c", "b"));
        });

        SessionWindows fresh = new SessionWindows(5_000);
        long watermark = t0;
        assertThat(fresh.insert(t0, "w1", watermark, collect)).isFalse();
        // Behind the watermark but within the gap of the open session: it joins (Bytewax: late).
        assertThat(fresh.insert(t0 - 1, "joins", watermark, collect)).isFalse();
        assertThat(fresh.insert(t0 + 6_000, "w2", watermark, collect)).isFalse();
        assertThat(fresh.insert(t0 + 7_000, "w2 too", watermark, collect)).isFalse();
        assertThat(fresh.sessions()).extracting(OpenWindow::id).containsExactly(1L, 2L);
        // Behind the watermark and near no open session: late.
        assertThat(fresh.insert(t0 - 60_000, "late", watermark, collect)).isTrue();

        List<OpenWindow> closed = new ArrayList<>();
        fresh.drainClosed(t0 + 5_000, closed);
        assertThat(closed).singleElement().satisfies(s -> assertThat(collect.result(s.acc()))
                .isEqualTo(List.of("joins", "w1")));
    }

    private static ClockState roundTrip(ClockState clock) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(clock);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (ClockState) in.readObject();
        }
    }
}
