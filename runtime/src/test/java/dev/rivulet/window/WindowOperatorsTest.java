package dev.rivulet.window;

import dev.rivulet.testing.Engines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.KeyedStream;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.WindowedStream;
import dev.rivulet.io.Sources;
import dev.rivulet.io.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Section D and the window rows of the scenarios, run on one worker and on four. */
class WindowOperatorsTest {

    static final Instant A = Instant.parse("2022-01-01T00:00:00Z");

    record Ev(Instant time, String val) implements java.io.Serializable {
    }

    static Ev ev(int seconds, String val) {
        return new Ev(A.plusSeconds(seconds), val);
    }

    static final WindowClock<Ev> ECC0 = WindowClock.eventTime(Ev::time, Duration.ZERO);

    private static KeyedStream<String, Ev> keyedAll(Dataflow flow, List<Ev> events) {
        return flow.input("inp", Sources.testing(events)).keyBy("all", e -> "ALL");
    }

    private static <R> List<KV<String, WindowResult<R>>> sortedByStart(List<KV<String, WindowResult<R>>> out) {
        List<KV<String, WindowResult<R>>> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing((KV<String, WindowResult<R>> kv) -> kv.key())
                .thenComparing(kv -> kv.value().start()));
        return sorted;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void s26TumblingEventTimeFoldWithWindowBounds(int workers) throws Exception {
        Dataflow flow = new Dataflow("s26");
        keyedAll(flow, List.of(ev(0, "a"), ev(4, "b"), ev(8, "c"), ev(12, "d"), ev(16, "e")))
                .foldWindow("sum", ECC0, Windower.tumbling(Duration.ofSeconds(10), A),
                        ArrayList<String>::new, (list, e) -> {
                            list.add(e.val());
                            return list;
                        })
                .capture("out");
        List<KV<String, WindowResult<List<String>>>> out = sortedByStart(Engines.run(flow, workers).captured("out"));
        assertThat(out).containsExactly(
                KV.of("ALL", new WindowResult<>(A, A.plusSeconds(10), List.of("a", "b", "c"), 0)),
                KV.of("ALL", new WindowResult<>(A.plusSeconds(10), A.plusSeconds(20), List.of("d", "e"), 1)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void lateItemsAreCountedAndRoutedNotLost(int workers) throws Exception {
        Dataflow flow = new Dataflow("late");
        WindowedStream<String, Ev, List<Ev>> windows = keyedAll(flow,
                List.of(ev(1, "on time"), ev(12, "closes the first window"), ev(2, "late"), ev(13, "fine")))
                .collectWindow("collect", ECC0, Windower.tumbling(Duration.ofSeconds(10), A));
        windows.capture("out");
        windows.late().capture("late");
        RunResult result = Engines.run(flow, workers);

        assertThat(result.stats("collect").lateItems()).isEqualTo(1);
        assertThat(result.<KV<String, Ev>>captured("late")).containsExactly(KV.of("ALL", ev(2, "late")));
        List<KV<String, WindowResult<List<Ev>>>> out = sortedByStart(result.captured("out"));
        assertThat(out).extracting(kv -> kv.value().value())
                .containsExactly(List.of(ev(1, "on time")), List.of(ev(12, "closes the first window"), ev(13, "fine")));
    }

    @Test
    void lateItemsAreCountedEvenWithoutALateStream() throws Exception {
        Dataflow flow = new Dataflow("late-count");
        keyedAll(flow, List.of(ev(1, "a"), ev(25, "b"), ev(3, "late"), ev(4, "late too")))
                .reduceWindow("first", ECC0, Windower.tumbling(Duration.ofSeconds(10), A), (x, y) -> x)
                .capture("out");
        RunResult result = Engines.runMain(flow);
        assertThat(result.stats("first").lateItems()).isEqualTo(2);
        assertThat(result.<KV<String, WindowResult<Ev>>>captured("out")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void slidingWindowsOverlapAndSkipGaps(int workers) throws Exception {
        List<Ev> events = List.of(ev(0, "a"), ev(6, "b"), ev(12, "c"), ev(19, "d"));
        Dataflow overlapping = new Dataflow("sliding");
        keyedAll(overlapping, events)
                .collectWindow("c", ECC0, Windower.sliding(Duration.ofSeconds(10), Duration.ofSeconds(5), A))
                .capture("out");
        List<KV<String, WindowResult<List<Ev>>>> out = sortedByStart(Engines.run(overlapping, workers).captured("out"));
        assertThat(out).extracting(kv -> kv.value().windowId() + ":" + kv.value().value().stream().map(Ev::val).toList())
                .containsExactly("-1:[a]", "0:[a, b]", "1:[b, c]", "2:[c, d]", "3:[d]");

        Dataflow gapped = new Dataflow("gaps");
        keyedAll(gapped, events)
                .collectWindow("c", ECC0, Windower.sliding(Duration.ofSeconds(5), Duration.ofSeconds(10), A))
                .capture("out");
        RunResult result = Engines.run(gapped, workers);
        List<KV<String, WindowResult<List<Ev>>>> gappedOut = sortedByStart(result.captured("out"));
        // [0,5) holds a; [10,15) holds c; b (6) and d (19) fall in gaps: in no window, and not late.
        assertThat(gappedOut).extracting(kv -> kv.value().value().stream().map(Ev::val).toList())
                .containsExactly(List.of("a"), List.of("c"));
        assertThat(result.stats("c").lateItems()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void outOfOrderItemBridgesTwoSessionsAndNothingIsOrphaned(int workers) throws Exception {
        // gap 5 s; sessions {0} and {8} are separate until 4 arrives and joins them.
        WindowClock<Ev> clock = WindowClock.eventTime(Ev::time, Duration.ofSeconds(30));
        List<Ev> events = List.of(ev(0, "a"), ev(8, "b"), ev(4, "bridge"), ev(100, "later"));

        Dataflow collect = new Dataflow("sessions");
        keyedAll(collect, events).collectWindow("s", clock, Windower.session(Duration.ofSeconds(5))).capture("out");
        List<KV<String, WindowResult<List<Ev>>>> out = sortedByStart(Engines.run(collect, workers).captured("out"));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).value()).isEqualTo(new WindowResult<>(A, A.plusSeconds(13),
                List.of(ev(0, "a"), ev(4, "bridge"), ev(8, "b")), 1));
        assertThat(out.get(1).value().value()).containsExactly(ev(100, "later"));
        assertThat(out.get(1).value().windowId()).isEqualTo(3);

        // A fold without a merger folds the merged session's values in time order...
        Dataflow fold = new Dataflow("session-fold");
        keyedAll(fold, events).foldWindow("s", clock, Windower.session(Duration.ofSeconds(5)),
                () -> "", (text, e) -> text + e.val().charAt(0)).capture("out");
        assertThat(sortedByStart(Engines.run(fold, workers).<KV<String, WindowResult<String>>>captured("out")))
                .extracting(kv -> kv.value().value()).containsExactly("abb", "l");

        // ...and with a merger folds eagerly and merges accumulators.
        Dataflow merged = new Dataflow("session-merge");
        keyedAll(merged, events).foldWindow("s", clock, Windower.session(Duration.ofSeconds(5)),
                () -> 0, (n, e) -> n + 1, Integer::sum).capture("out");
        assertThat(sortedByStart(Engines.run(merged, workers).<KV<String, WindowResult<Integer>>>captured("out")))
                .extracting(kv -> kv.value().value()).containsExactly(3, 1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sessionIdsCountPerKeyWhateverTheEpochs(boolean watermark) throws Exception {
        // Sessions of a key close (its state is empty) between each pair of items. With an epoch
        // per item the engine could drop the key's state at every epoch close (Flink drops it at
        // once); the ids must still be 1, 2, 3, … as with one epoch for the whole run.
        WindowClock<Ev> clock = watermark ? WindowClock.watermark(Ev::time, Duration.ZERO) : ECC0;
        List<Ev> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(ev(i * 10, "k" + (i % 2)));
        }
        List<List<Long>> idsPerRun = new ArrayList<>();
        for (dev.rivulet.EpochConfig epochs : List.of(dev.rivulet.EpochConfig.testing(), dev.rivulet.EpochConfig.defaults())) {
            Dataflow flow = new Dataflow("session-ids");
            flow.input("inp", Sources.testing(events)).keyBy("by-val", Ev::val)
                    .collectWindow("s", clock, Windower.session(Duration.ofSeconds(5))).capture("out");
            List<KV<String, WindowResult<List<Ev>>>> out = sortedByStart(
                    Engines.run(flow, 2, RunOptions.defaults().epochs(epochs)).captured("out"));
            idsPerRun.add(out.stream().map(kv -> kv.value().windowId()).toList());
        }
        assertThat(idsPerRun.get(0)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(idsPerRun.get(1)).isEqualTo(idsPerRun.get(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void keysHaveTheirOwnWindowsAndWatermarks(int workers) throws Exception {
        List<KV<String, Ev>> events = new ArrayList<>();
        events.add(KV.of("slow", ev(1, "s1")));
        for (int i = 0; i < 60; i++) {
            events.add(KV.of("fast" + (i % 3), ev(i, "v" + i)));
        }
        // The fast keys are at 59 s, but the slow key's watermark is its own (1 s): its window
        // [0, 20) is still open, so this item is on time.
        events.add(KV.of("slow", ev(2, "s2")));
        Dataflow flow = new Dataflow("per-key");
        KeyedStream.of(flow.input("inp", Sources.testing(events)))
                .reduceWindow("concat", WindowClock.eventTime((Ev e) -> e.time(), Duration.ZERO),
                        Windower.tumbling(Duration.ofSeconds(20), A),
                        (x, y) -> new Ev(x.time(), x.val() + "+" + y.val()))
                .capture("out");
        RunResult result = Engines.run(flow, workers);
        assertThat(result.stats("concat").lateItems()).isZero();
        List<KV<String, WindowResult<Ev>>> out = result.captured("out");
        assertThat(out).hasSize(3 * 3 + 1);
        assertThat(out.stream().filter(kv -> kv.key().equals("slow")))
                .singleElement().satisfies(kv -> assertThat(kv.value().value().val()).isEqualTo("s1+s2"));
        assertThat(out.stream().filter(kv -> kv.key().equals("fast1") && kv.value().windowId() == 2))
                .singleElement().satisfies(kv -> assertThat(kv.value().value().val())
                        .isEqualTo("v40+v43+v46+v49+v52+v55+v58"));
    }

    @Test
    void systemTimeWindowsHoldItemsInProcessingOrder() throws Exception {
        Instant alignTo = Instant.now();
        Dataflow flow = new Dataflow("system");
        flow.input("inp", Sources.testing(List.of("x", "y", "z")))
                .keyBy("k", s -> "k")
                .collectWindow("c", WindowClock.systemTime(), Windower.tumbling(Duration.ofHours(1), alignTo))
                .capture("out");
        List<KV<String, WindowResult<List<String>>>> out = Engines.runMain(flow).captured("out");
        assertThat(out).singleElement().satisfies(kv -> {
            assertThat(kv.value().start()).isEqualTo(alignTo.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(kv.value().value()).containsExactly("x", "y", "z");
        });
    }

    @Test
    void anIdleKeysWindowClosesOnTheWallClockWithoutNewItems() throws Exception {
        Engines.assumeNative("reads back a map the flow's functions wrote in this JVM; other engines run copies of the functions");
        // The window [A, A+100ms) of the only key can only close because system time passes while
        // the input pauses: the result must be emitted before the input resumes.
        ConcurrentMap<String, Long> seenAt = new ConcurrentHashMap<>();
        Dataflow flow = new Dataflow("idle");
        flow.input("inp", TestingSource.<Ev>builder().items(new Ev(A, "first"))
                        .pause(Duration.ofMillis(1500)).items(new Ev(A.plusSeconds(3600), "after pause")).build())
                .inspect("seen", e -> seenAt.putIfAbsent(e.val(), System.nanoTime()))
                .keyBy("k", e -> "k")
                .collectWindow("c", WindowClock.eventTime(Ev::time, Duration.ZERO),
                        Windower.tumbling(Duration.ofMillis(100), A))
                .inspect("emitted", kv -> seenAt.putIfAbsent("result " + kv.value().windowId(), System.nanoTime()))
                .capture("out");
        Engines.runMain(flow);
        assertThat(seenAt.get("result 0")).isLessThan(seenAt.get("after pause"));
    }

    @Test
    void aFailingTimestampFunctionNamesTheStepAndItem() {
        Dataflow flow = new Dataflow("bad-time");
        flow.input("inp", Sources.testing(List.of(new Ev(null, "no time"))))
                .keyBy("k", e -> "k")
                .collectWindow("by-time", WindowClock.eventTime(Ev::time, Duration.ZERO),
                        Windower.tumbling(Duration.ofSeconds(1), A))
                .capture("out");
        assertThatThrownBy(() -> Engines.runMain(flow))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("by-time")
                .hasMessageContaining("collectWindow")
                .hasMessageContaining("no time")
                .hasMessageContaining("timestamp function");
    }

    @Test
    void windowersRejectNonPositiveSizes() {
        assertThatThrownBy(() -> Windower.tumbling(Duration.ZERO, A)).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> Windower.session(Duration.ofSeconds(-1))).hasMessageContaining("session gap");
        assertThatThrownBy(() -> WindowClock.eventTime(Ev::time, Duration.ofSeconds(-1)))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void windowedStreamsWorkWithRunOptions() throws Exception {
        // Testing epochs close an epoch per item: window state survives epoch boundaries.
        Dataflow flow = new Dataflow("epochs");
        keyedAll(flow, List.of(ev(0, "a"), ev(4, "b"), ev(8, "c"), ev(12, "d")))
                .reduceWindow("r", ECC0, Windower.tumbling(Duration.ofSeconds(10), A),
                        (x, y) -> new Ev(x.time(), x.val() + y.val()))
                .capture("out");
        List<KV<String, WindowResult<Ev>>> out = sortedByStart(Engines.run(flow, 2,
                RunOptions.defaults().epochs(dev.rivulet.EpochConfig.testing())).captured("out"));
        assertThat(out).extracting(kv -> kv.value().value().val()).containsExactly("abc", "d");
    }

    /** Issue 16: a sliding item late for one window but taken by another is not late. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSlidingItemIsLateOnlyWhenEveryWindowOfItHasClosed(boolean watermark) throws Exception {
        Dataflow flow = new Dataflow("sliding-late");
        WindowClock<Ev> clock = watermark ? WindowClock.watermark(Ev::time, Duration.ZERO) : ECC0;
        WindowedStream<String, Ev, List<Ev>> windows = keyedAll(flow,
                List.of(ev(1, "a"), ev(12, "b"), ev(7, "in [5, 15) only"), ev(3, "all closed")))
                .collectWindow("slide", clock,
                        Windower.sliding(Duration.ofSeconds(10), Duration.ofSeconds(5), A));
        windows.capture("out");
        windows.late().capture("late");
        RunResult result = Engines.runMain(flow);
        assertThat(result.stats("slide").lateItems()).isEqualTo(1);
        assertThat(result.<KV<String, Ev>>captured("late")).containsExactly(KV.of("ALL", ev(3, "all closed")));
        List<KV<String, WindowResult<List<Ev>>>> out = sortedByStart(result.captured("out"));
        assertThat(out).extracting(kv -> kv.value().start()).contains(A.plusSeconds(5));
        assertThat(out).filteredOn(kv -> kv.value().start().equals(A.plusSeconds(5)))
                .extracting(kv -> kv.value().value())
                .containsExactly(List.of(ev(7, "in [5, 15) only"), ev(12, "b")));
    }
}
