package dev.rivulet.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.kafka.testbroker.KafkaBrokerExtension;
import dev.rivulet.kafka.testbroker.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaSource} against a real broker: partitions, workers, processes, resume, errors. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaSourceTest {
    private static final AtomicInteger SEEN_BEFORE_CRASH = new AtomicInteger();
    @TempDir
    Path tmp;

    private static List<String> numbers(int n) {
        return IntStream.range(0, n).mapToObj(i -> "v" + i).collect(Collectors.toList());
    }

    private static Dataflow readAll(KafkaSource<String, String> source) {
        Dataflow flow = new Dataflow("kafka-read");
        flow.input("in", source).capture("out");
        return flow;
    }

    @Test
    void readsEveryPartitionUnderTwoWorkersWithTheRecordsMetadata(TestBroker broker) {
        String topic = Topics.create(broker, "multi", 3);
        Topics.fill(broker, topic, 3, numbers(30));
        RunResult result = Rivulet.run(readAll(KafkaSources.strings(broker.bootstrapServers(), topic).toCurrentEnd()), 2);
        List<KafkaRecord<String, String>> out = result.captured("out");
        assertThat(out).extracting(KafkaRecord::value).containsExactlyInAnyOrderElementsOf(numbers(30));
        KafkaRecord<String, String> v4 = out.stream().filter(r -> r.value().equals("v4")).findFirst().orElseThrow();
        assertThat(v4.key()).isEqualTo("k4");
        assertThat(v4.topic()).isEqualTo(topic);
        assertThat(v4.partition()).isEqualTo(1);
        assertThat(v4.offset()).isEqualTo(1);
        assertThat(v4.timestamp()).isPositive();
        // each partition's records in offset order
        for (int p = 0; p < 3; p++) {
            int part = p;
            assertThat(out.stream().filter(r -> r.partition() == part).map(KafkaRecord::offset).toList())
                    .isSorted().hasSize(10);
        }
    }

    @Test
    void readsEveryPartitionOnTwoProcesses(TestBroker broker) {
        String topic = Topics.create(broker, "multi-p", 3);
        Topics.fill(broker, topic, 3, numbers(30));
        RunResult result = Rivulet.spawnCluster(readAll(KafkaSources.strings(broker.bootstrapServers(), topic)
                .toCurrentEnd()), 2, 1, RunOptions.defaults());
        List<KafkaRecord<String, String>> out = result.captured("out");
        assertThat(out).extracting(KafkaRecord::value).containsExactlyInAnyOrderElementsOf(numbers(30));
    }

    @Test
    void aPatternReadsEveryMatchingTopic(TestBroker broker) {
        String a = Topics.create(broker, "pat-a", 1);
        String b = Topics.create(broker, "pat-b", 2);
        Topics.fill(broker, a, 1, List.of("a0", "a1"));
        Topics.fill(broker, b, 2, List.of("b0", "b1"));
        String regex = "pat-[ab]-" + ProcessHandle.current().pid() + "-\\d+";
        RunResult result = Rivulet.run(readAll(KafkaSources.pattern(broker.bootstrapServers(), regex,
                Decoder.string(), Decoder.string()).toCurrentEnd()), 1);
        assertThat(result.<KafkaRecord<String, String>>captured("out")).extracting(KafkaRecord::value)
                .contains("a0", "a1", "b0", "b1");
    }

    @Test
    void aTimestampStartSkipsOlderRecordsAndLatestSkipsAll(TestBroker broker) throws Exception {
        String topic = Topics.create(broker, "times", 1);
        Topics.fill(broker, topic, 1, List.of("old"));
        long cut = System.currentTimeMillis() + 1;
        while (System.currentTimeMillis() <= cut) {
            Thread.onSpinWait(); // the next record's timestamp must be later than `cut`
        }
        Topics.fill(broker, topic, 1, List.of("new"));
        var source = KafkaSources.strings(broker.bootstrapServers(), topic).toCurrentEnd();
        assertThat(Rivulet.run(readAll(source.startingAt(StartPosition.timestamp(java.time.Instant.ofEpochMilli(cut)))), 1)
                .<KafkaRecord<String, String>>captured("out")).extracting(KafkaRecord::value).containsExactly("new");
        assertThat(Rivulet.run(readAll(source.startingAt(StartPosition.latest())), 1).captured("out")).isEmpty();
    }

    @Test
    void aResumedRunStartsAtTheSnapshotOffsetsSoCountsAreExact(TestBroker broker) {
        String topic = Topics.create(broker, "resume", 2);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            words.add("w" + (i % 5));
        }
        Topics.fill(broker, topic, 2, words);
        RunOptions options = RunOptions.defaults().epochs(EpochConfig.testing())
                .recovery(RecoveryConfig.sqlite(tmp.resolve("state")));
        SEEN_BEFORE_CRASH.set(0);
        Dataflow flow = new Dataflow("kafka-resume");
        flow.input("in", KafkaSources.strings(broker.bootstrapServers(), topic).toCurrentEnd())
                .map("crash-once", r -> {
                    if (SEEN_BEFORE_CRASH.incrementAndGet() == 25) {
                        throw new IllegalStateException("simulated crash");
                    }
                    return r.value();
                })
                .countFinal("count", w -> w)
                .capture("counts");
        assertThatThrownBy(() -> Rivulet.run(flow, 2, options)).hasMessageContaining("simulated crash");
        RunResult resumed = Rivulet.run(flow, 2, options);
        Map<String, Long> counts = new TreeMap<>();
        for (KV<String, Long> kv : resumed.<KV<String, Long>>captured("counts")) {
            counts.put(kv.key(), kv.value());
        }
        assertThat(counts).isEqualTo(Map.of("w0", 12L, "w1", 12L, "w2", 12L, "w3", 12L, "w4", 12L));
    }

    @Test
    void aMissingTopicFailsNamingStepBrokersAndTopic(TestBroker broker) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Rivulet.run(readAll(KafkaSources.strings(broker.bootstrapServers(), "no-such-topic")
                .withTimeout(Duration.ofSeconds(5))), 1))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("'in'")
                .hasMessageContaining("topic 'no-such-topic' does not exist")
                .hasMessageContaining(broker.bootstrapServers());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void unreachableBrokersFailWithinTheTimeout() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + closed;
        assertThatThrownBy(() -> Rivulet.run(readAll(KafkaSources.strings(bootstrap, "t")
                .withTimeout(Duration.ofSeconds(3))), 1))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("'in'")
                .hasMessageContaining("no answer from the Kafka brokers " + bootstrap + " within 3000 ms")
                .hasMessageContaining("topic t");
    }

    @Test
    void anUnresolvableBootstrapServerIsNamed() {
        assertThatThrownBy(() -> Rivulet.run(readAll(KafkaSources.strings("no-such-host.invalid:9092", "t")
                .withTimeout(Duration.ofSeconds(3))), 1))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("'in'")
                .hasMessageContaining("no-such-host.invalid:9092")
                .hasMessageContaining("bootstrap");
    }

    @Test
    void aWrongPasswordFailsWithAnAuthenticationMessage(TestBroker broker) {
        String topic = Topics.create(broker, "auth", 1);
        var source = KafkaSources.strings(broker.saslBootstrapServers(), topic)
                .withTimeout(Duration.ofSeconds(10))
                .withConfig(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                        "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                                + "username=\"" + TestBroker.SASL_USER + "\" password=\"wrong\";"));
        assertThatThrownBy(() -> Rivulet.run(readAll(source), 1))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("'in'")
                .hasMessageContaining("authentication to the Kafka brokers " + broker.saslBootstrapServers() + " failed")
                .hasMessageContaining("sasl.jaas.config");
        // the right password reads
        var good = source.toCurrentEnd().withConfig("sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + TestBroker.SASL_USER + "\" password=\"" + TestBroker.SASL_PASSWORD + "\";");
        Topics.fill(broker, topic, 1, List.of("secret"));
        assertThat(Rivulet.run(readAll(good), 1).<KafkaRecord<String, String>>captured("out"))
                .extracting(KafkaRecord::value).containsExactly("secret");
    }

    @Test
    void aTailingSourceShowsRecordsAsTheyArrive(TestBroker broker) throws Exception {
        String topic = Topics.create(broker, "live", 2);
        Topics.fill(broker, topic, 2, List.of("before")); // not shown: the source starts at the end
        java.util.concurrent.BlockingQueue<Object> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Dataflow flow = new Dataflow("live-topic");
        flow.input("in", KafkaSources.strings(broker.bootstrapServers(), topic).startingAt(StartPosition.latest()))
                .map("text", r -> r.partition() + ":" + r.offset() + " " + r.value())
                .capture("lines");
        Thread run = new Thread(() -> {
            try {
                Rivulet.run(flow, 2, RunOptions.defaults().epochs(EpochConfig.periodic(Duration.ofMillis(100)))
                        .onCapture((step, worker, epoch, items) -> seen.addAll(items)));
            } catch (RuntimeException cancelled) {
                seen.add("stopped: " + cancelled.getClass().getSimpleName());
            }
        }, "live-run");
        run.start();
        // the records written while the run tails the topic show up while it runs
        List<Object> live = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int round = 0;
        while (live.size() < 2 && System.nanoTime() < deadline) {
            Topics.fill(broker, topic, 2, List.of("live-" + round, "live-" + round));
            round++;
            Object item = seen.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            while (item != null) {
                live.add(item);
                item = seen.poll();
            }
        }
        assertThat(run.isAlive()).as("a tailing source keeps running").isTrue();
        run.interrupt();
        run.join(30_000);
        assertThat(run.isAlive()).isFalse();
        assertThat(live).isNotEmpty().allSatisfy(line -> assertThat(line.toString()).contains(" live-"));
    }

    @Test
    void aTailingSourceCanStopOnceItsPartitionsAreIdle(TestBroker broker) {
        String topic = Topics.create(broker, "idle", 2);
        Topics.fill(broker, topic, 2, numbers(6));
        RunResult result = Rivulet.run(readAll(KafkaSources.strings(broker.bootstrapServers(), topic)
                .stopWhenIdleFor(Duration.ofMillis(500))), 2);
        assertThat(result.<KafkaRecord<String, String>>captured("out")).extracting(KafkaRecord::value)
                .containsExactlyInAnyOrderElementsOf(numbers(6));
    }

    record Click(String user, int n) {
    }

    @Test
    void aRecordThatDoesNotDeserializeFailsNamingTopicPartitionAndOffset(TestBroker broker) {
        String topic = Topics.create(broker, "json", 1);
        Topics.fill(broker, topic, 1, List.of("{\"user\":\"ann\",\"n\":1}", "not json", "{\"user\":\"bob\",\"n\":2}"));
        Dataflow flow = new Dataflow("json-read");
        flow.input("clicks", KafkaSources.json(broker.bootstrapServers(), Click.class, topic).toCurrentEnd())
                .capture("out");
        assertThatThrownBy(() -> Rivulet.run(flow, 1))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("'clicks'")
                .hasMessageContaining("cannot deserialize the value of the record at topic '" + topic
                        + "' partition 0 offset 1")
                .hasMessageContaining(".routingBadRecords()");
    }

    @Test
    void badRecordsCanBeRoutedToASideStream(TestBroker broker) {
        String topic = Topics.create(broker, "json-route", 1);
        Topics.fill(broker, topic, 1, List.of("{\"user\":\"ann\",\"n\":1}", "not json", "{\"user\":\"bob\",\"n\":2}"));
        Dataflow flow = new Dataflow("json-route");
        var parts = flow.input("clicks", KafkaSources.json(broker.bootstrapServers(), Click.class, topic)
                .toCurrentEnd().routingBadRecords())
                .branch("bad", KafkaRecord::failed);
        parts.trues().map("raw", r -> new String(r.error().rawValue()) + " @" + r.offset()).capture("bad-out");
        parts.falses().map("click", KafkaRecord::value).capture("good-out");
        RunResult result = Rivulet.run(flow, 1);
        assertThat(result.<String>captured("bad-out")).containsExactly("not json @1");
        assertThat(result.<Click>captured("good-out")).containsExactly(new Click("ann", 1), new Click("bob", 2));
    }
}
