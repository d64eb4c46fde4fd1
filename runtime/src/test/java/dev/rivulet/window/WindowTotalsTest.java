package dev.rivulet.window;

import dev.rivulet.testing.Engines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.KeyedStream;
import dev.rivulet.RunResult;
import dev.rivulet.io.Sources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 1-second tumbling event-time sum over 1 M events equals a plain Java computation. The event
 * count is {@code -Drivulet.test.windowTotalsEvents} (default 1,000,000): the flink module runs
 * this class on Flink with fewer, since the flow's description (which holds the events) is
 * shipped to the TaskManagers.
 */
class WindowTotalsTest {
    static final int EVENTS = Integer.getInteger("rivulet.test.windowTotalsEvents", 1_000_000);

    record Event(int key, Instant time, int value) implements java.io.Serializable {
    }

    static final Instant BASE = Instant.parse("2024-03-01T10:00:00Z");
    static List<KV<Integer, Event>> events;

    @BeforeAll
    static void generate() {
        SplittableRandom random = new SplittableRandom(7);
        events = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            int key = i % 100;
            // +1 ms per event, up to 50 ms of disorder
            Instant time = BASE.plusMillis(i - random.nextInt(0, 51));
            events.add(KV.of(key, new Event(key, time, random.nextInt(-1000, 1000))));
        }
    }

    private static Map<String, Long> plainJava() {
        Map<String, Long> sums = new HashMap<>();
        long base = BASE.toEpochMilli();
        for (KV<Integer, Event> kv : events) {
            long window = Math.floorDiv(kv.value().time().toEpochMilli() - base, 1000);
            sums.merge(kv.key() + "@" + window, (long) kv.value().value(), Long::sum);
        }
        return sums;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void oneSecondTumblingSumsMatchAPlainLoop(int workers) throws Exception {
        Dataflow flow = new Dataflow("sums");
        KeyedStream.of(flow.input("events", Sources.testing(events)))
                .foldWindow("sum", WindowClock.eventTime(Event::time, Duration.ofSeconds(5)),
                        Windower.tumbling(Duration.ofSeconds(1), BASE),
                        () -> 0L, (sum, e) -> sum + e.value())
                .capture("sums");
        RunResult result = Engines.run(flow, workers);
        assertThat(result.stats("sum").lateItems()).isZero();
        Map<String, Long> rivulet = new HashMap<>();
        for (KV<Integer, WindowResult<Long>> kv : result.<KV<Integer, WindowResult<Long>>>captured("sums")) {
            assertThat(Duration.between(kv.value().start(), kv.value().end())).isEqualTo(Duration.ofSeconds(1));
            Long previous = rivulet.put(kv.key() + "@" + kv.value().windowId(), kv.value().value());
            assertThat(previous).as("one result per key and window").isNull();
        }
        assertThat(rivulet).isEqualTo(plainJava());
    }

    @Test
    void aKeysWindowStateSurvivesSerializationAsRecoveryWillStoreIt() throws Exception {
        // What recovery snapshots at an epoch close must be enough to finish the windows later.
        List<KV<Integer, Event>> head = events.subList(0, 1500);
        List<KV<Integer, Event>> tail = events.subList(1500, 3000);
        dev.rivulet.window.internals.WindowKeyLogic logic = dev.rivulet.window.internals.WindowKeyLogic.create(
                WindowClock.eventTime(Event::time, Duration.ofSeconds(5)),
                Windower.tumbling(Duration.ofSeconds(1), BASE),
                new dev.rivulet.window.internals.CollectAggregator(), null);
        List<Object> emitted = new ArrayList<>();
        dev.rivulet.engine.KeyedOutput out = new dev.rivulet.engine.KeyedOutput() {
            @Override
            public void accept(Object value) {
                emitted.add(value);
            }

            @Override
            public void emit(int port, Object value) {
                throw new AssertionError("nothing is late here");
            }

            @Override
            public void countLate(long n) {
                throw new AssertionError("nothing is late here");
            }
        };
        for (KV<Integer, Event> kv : head) {
            if (kv.key() == 3) {
                logic.onValue(kv.value(), out);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream stream = new ObjectOutputStream(bytes)) {
            stream.writeObject(logic.snapshot());
        }
        Object snapshot;
        try (ObjectInputStream stream = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            snapshot = stream.readObject();
        }
        dev.rivulet.window.internals.WindowKeyLogic resumed = dev.rivulet.window.internals.WindowKeyLogic.create(
                WindowClock.eventTime(Event::time, Duration.ofSeconds(5)),
                Windower.tumbling(Duration.ofSeconds(1), BASE),
                new dev.rivulet.window.internals.CollectAggregator(), snapshot);
        for (KV<Integer, Event> kv : tail) {
            if (kv.key() == 3) {
                resumed.onValue(kv.value(), out);
            }
        }
        resumed.onEof(out);
        long total = emitted.stream().mapToLong(r -> ((WindowResult<?>) r).value() instanceof List<?> l ? l.size() : 0)
                .sum();
        assertThat(total).isEqualTo(30);
        assertThat(resumed.isDiscarded()).isTrue();
    }
}
