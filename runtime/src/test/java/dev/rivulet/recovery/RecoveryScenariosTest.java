package dev.rivulet.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.KeyedStream;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.StateUpdate;
import dev.rivulet.io.Sinks;
import dev.rivulet.io.Sources;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.Windower;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sections B (S11, S15) and C (S19, S22, S23) of the scenarios, and S80, with SQLite recovery. */
class RecoveryScenariosTest {

    @TempDir
    Path dir;

    static final AtomicBoolean ARMED = new AtomicBoolean();

    private RunOptions rec() {
        return RunOptions.defaults().epochs(EpochConfig.testing()).recovery(RecoveryConfig.sqlite(dir));
    }

    /** Raises BOOM on the item "BOOM" while armed; drops it when disarmed. */
    static <T> List<T> boomTrigger(T item, String tag) {
        if ("BOOM".equals(tag)) {
            if (ARMED.get()) {
                throw new RuntimeException("BOOM");
            }
            return List.of();
        }
        return List.of(item);
    }

    record Event(String user, String type) {
    }

    @Test
    void s11SessionizerReduceResumesWithItsAccumulators() {
        List<Event> input = List.of(new Event("a", "login"), new Event("a", "post"), new Event("BOOM", "BOOM"),
                new Event("b", "login"), new Event("a", "logout"), new Event("b", "logout"));
        List<KV<String, List<Event>>> out = new ArrayList<>();
        Dataflow flow = new Dataflow("sessionizer");
        KeyedStream.of(flow.input("inp", Sources.testing(input))
                        .flatMap("trigger", e -> boomTrigger(e, e.user()))
                        .map("wrap", e -> KV.of(e.user(), List.of(e))))
                .reduce("sessionizer", (s, e) -> Stream.concat(s.stream(), e.stream()).toList(),
                        s -> s.stream().anyMatch(e -> e.type().equals("logout")))
                .output("out", Sinks.collect(out));

        ARMED.set(true);
        assertThatThrownBy(() -> Rivulet.runMain(flow, rec())).isInstanceOf(RivuletException.class)
                .hasMessageContaining("BOOM");
        assertThat(out).isEmpty();

        ARMED.set(false);
        Rivulet.runMain(flow, rec());
        assertThat(out).containsExactlyInAnyOrder(
                KV.of("a", List.of(new Event("a", "login"), new Event("a", "post"), new Event("a", "logout"))),
                KV.of("b", List.of(new Event("b", "login"), new Event("b", "logout"))));
    }

    record Val(String tag, Instant time, int val) {
    }

    @Test
    void s15WindowContentsAreRestoredFromRecovery() {
        Instant a = Instant.parse("2022-01-01T00:00:00Z");
        List<Val> input = List.of(new Val("ALL", a, 1), new Val("ALL", a.plusSeconds(4), 1),
                new Val("ALL", a.plusSeconds(8), 1), new Val("ALL", a.plusSeconds(12), 1),
                new Val("BOOM", a, 0), new Val("ALL", a.plusSeconds(13), 1));
        List<KV<String, Integer>> out = new ArrayList<>();
        Dataflow flow = new Dataflow("window-recovery");
        flow.input("inp", Sources.testing(input))
                .flatMap("trigger", v -> boomTrigger(v, v.tag()))
                .keyBy("key", Val::tag)
                .reduceWindow("add", WindowClock.eventTime(Val::time, Duration.ZERO),
                        Windower.tumbling(Duration.ofSeconds(10), a), (x, y) -> new Val(x.tag(), x.time(), x.val() + y.val()))
                .map("val", w -> w.value().val())
                .output("out", Sinks.collect(out));

        ARMED.set(true);
        assertThatThrownBy(() -> Rivulet.runMain(flow, rec())).hasMessageContaining("BOOM");
        assertThat(out).containsExactly(KV.of("ALL", 3));
        out.clear();
        ARMED.set(false);
        Rivulet.runMain(flow, rec());
        assertThat(out).containsExactly(KV.of("ALL", 2));
    }

    record Item(String key, Integer value, String flag) {
    }

    private static Dataflow keepMax(List<Item> input, String explodeOn, List<KV<String, Integer>> out) {
        Dataflow flow = new Dataflow("keep_max");
        KeyedStream.of(flow.input("inp", Sources.testing(input))
                        .map("explode", item -> {
                            if (explodeOn != null && explodeOn.equals(item.flag())) {
                                throw new RuntimeException("BOOM");
                            }
                            return KV.of(item.key(), item.value());
                        }))
                .<Integer, Integer>statefulMap("keep_max", () -> Integer.MIN_VALUE,
                        (max, value) -> {
                            int m = Math.max(max, value);
                            return StateUpdate.of(m, m);
                        })
                .output("out", Sinks.collect(out));
        return flow;
    }

    @Test
    void s19EachRunResumesAfterTheLastCompletedEpoch() {
        List<Item> input = List.of(new Item("a", 4, "F"), new Item("b", 4, "F"), new Item("a", 1, "BOOM1"),
                new Item("b", 9, "F"), new Item("a", 9, "BOOM2"), new Item("b", 1, "F"));
        List<KV<String, Integer>> out = new ArrayList<>();
        assertThatThrownBy(() -> Rivulet.runMain(keepMax(input, "BOOM1", out), rec())).hasMessageContaining("BOOM");
        assertThat(out).containsExactly(KV.of("a", 4), KV.of("b", 4));
        out.clear();
        assertThatThrownBy(() -> Rivulet.runMain(keepMax(input, "BOOM2", out), rec())).hasMessageContaining("BOOM");
        assertThat(out).containsExactly(KV.of("a", 4), KV.of("b", 9));
        out.clear();
        Rivulet.runMain(keepMax(input, null, out), rec());
        assertThat(out).containsExactly(KV.of("a", 9), KV.of("b", 9));
    }

    private static List<KV<String, Integer>> sorted(List<KV<String, Integer>> items) {
        List<KV<String, Integer>> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing((KV<String, Integer> kv) -> kv.key()).thenComparing(KV::value));
        return copy;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void s22ContinuationReadsOnlyNewInput(int workers) {
        List<Item> input = new ArrayList<>(List.of(new Item("a", 4, "F"), new Item("b", 4, "F")));
        List<KV<String, Integer>> out = new ArrayList<>();
        Rivulet.run(keepMax(input, null, out), workers, rec());
        assertThat(sorted(out)).containsExactly(KV.of("a", 4), KV.of("b", 4));

        input.addAll(List.of(new Item("a", 1, "F"), new Item("b", 5, "F")));
        out.clear();
        Rivulet.run(keepMax(input, null, out), workers, rec());
        assertThat(sorted(out)).containsExactly(KV.of("a", 4), KV.of("b", 5));

        input.addAll(List.of(new Item("a", 8, "F"), new Item("b", 1, "F")));
        out.clear();
        Rivulet.run(keepMax(input, null, out), workers, rec());
        assertThat(sorted(out)).containsExactly(KV.of("a", 8), KV.of("b", 5));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void s23AndS80ContinuationWithoutNewInputEmitsNothingAndEpochsContinue(int workers) {
        List<Item> input = List.of(new Item("a", 4, "F"), new Item("b", 4, "F"));
        List<KV<String, Integer>> out = new ArrayList<>();
        List<Long> epochs = new ArrayList<>();
        Rivulet.run(keepMax(input, null, out), workers, rec());
        assertThat(sorted(out)).containsExactly(KV.of("a", 4), KV.of("b", 4));

        out.clear();
        Dataflow again = keepMax(input, null, out);
        Rivulet.run(again, workers, rec());
        assertThat(out).isEmpty();

        // A third run with one new item stamps it after every epoch used so far.
        List<Item> more = new ArrayList<>(input);
        more.add(new Item("a", 7, "F"));
        Dataflow third = new Dataflow("keep_max");
        KeyedStream.of(third.input("inp", Sources.testing(more))
                        .inspectEpoch("epoch", (epoch, item) -> {
                            synchronized (epochs) {
                                epochs.add(epoch);
                            }
                        })
                        .map("explode", item -> KV.of(item.key(), item.value())))
                .<Integer, Integer>statefulMap("keep_max", () -> Integer.MIN_VALUE,
                        (max, value) -> StateUpdate.of(Math.max(max, value), Math.max(max, value)))
                .output("out", Sinks.collect(out));
        Rivulet.run(third, workers, rec());
        assertThat(out).containsExactly(KV.of("a", 7));
        assertThat(epochs).singleElement().satisfies(epoch -> assertThat(epoch).isGreaterThanOrEqualTo(3));
    }
}
