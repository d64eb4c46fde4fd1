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
import dev.rivulet.io.Sources;
import dev.rivulet.kafka.testbroker.KafkaBrokerExtension;
import dev.rivulet.kafka.testbroker.TestBroker;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link KafkaSink} against a real broker: keyed writes, exactly-once through crashes and kill -9. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaSinkTest {
    private static final AtomicInteger SEEN = new AtomicInteger();
    @TempDir
    Path tmp;

    @Test
    void writesKeyedRecordsSoEachKeyStaysInOneKafkaPartition(TestBroker broker) {
        String topic = Topics.create(broker, "sink-keyed", 3);
        Dataflow flow = new Dataflow("sink-keyed");
        flow.input("n", Sources.range(0, 300, 3))
                .map("kv", n -> KV.of("key" + (n % 7), n))
                .output("out", KafkaSinks.<String, Long>strings(broker.bootstrapServers(), topic).writers(2));
        Rivulet.run(flow, 2);
        List<ConsumerRecord<String, String>> out = Topics.readAll(broker, topic, false);
        assertThat(out).hasSize(300);
        Map<String, Integer> partitionOfKey = new HashMap<>();
        for (ConsumerRecord<String, String> r : out) {
            assertThat(partitionOfKey.computeIfAbsent(r.key(), k -> r.partition())).isEqualTo(r.partition());
            assertThat(Long.parseLong(r.value()) % 7).isEqualTo(Long.parseLong(r.key().substring(3)));
        }
        assertThat(partitionOfKey).hasSize(7);
        assertThat(out.stream().map(ConsumerRecord::partition).distinct().count()).isGreaterThan(1);
    }

    @Test
    void exactlyOnceThroughACrashAndAResumeForAReadCommittedReader(TestBroker broker) {
        String in = Topics.create(broker, "eos-in", 2);
        String out = Topics.create(broker, "eos-out", 2);
        Topics.fill(broker, in, 2, IntStream.range(0, 200).mapToObj(i -> "r" + i).collect(Collectors.toList()));
        RunOptions options = RunOptions.defaults().epochs(EpochConfig.periodic(Duration.ofMillis(20)))
                .recovery(RecoveryConfig.sqlite(tmp.resolve("state")));
        SEEN.set(0);
        Dataflow flow = new Dataflow("eos");
        flow.input("in", KafkaSources.strings(broker.bootstrapServers(), in).toCurrentEnd())
                .map("crash-once", r -> {
                    if (SEEN.incrementAndGet() == 120) {
                        throw new IllegalStateException("simulated crash");
                    }
                    return KV.of(r.value(), r.offset());
                })
                .output("out", KafkaSinks.<String, Long>strings(broker.bootstrapServers(), out).writers(2)
                        .exactlyOnce("eos-" + out));
        assertThatThrownBy(() -> Rivulet.run(flow, 2, options)).hasMessageContaining("simulated crash");
        Rivulet.run(flow, 2, options);
        List<String> committed = Topics.readAll(broker, out, true).stream().map(ConsumerRecord::key).sorted().toList();
        assertThat(committed).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 200).mapToObj(i -> "r" + i).collect(Collectors.toList()));
    }

    @Test
    void exactlyOnceOnTwoProcessesCommitsEveryRecordOnce(TestBroker broker) {
        String in = Topics.create(broker, "eos-p-in", 3);
        String out = Topics.create(broker, "eos-p-out", 2);
        Topics.fill(broker, in, 3, IntStream.range(0, 90).mapToObj(i -> "r" + i).collect(Collectors.toList()));
        Dataflow flow = new Dataflow("eos-p2");
        flow.input("in", KafkaSources.strings(broker.bootstrapServers(), in).toCurrentEnd())
                .map("kv", r -> KV.of(r.value(), r.offset()))
                .output("out", KafkaSinks.<String, Long>strings(broker.bootstrapServers(), out).writers(2)
                        .exactlyOnce("eos-p-" + out));
        Rivulet.spawnCluster(flow, 2, 1, RunOptions.defaults().epochs(EpochConfig.periodic(Duration.ofMillis(50)))
                .recovery(RecoveryConfig.sqlite(tmp.resolve("state-p2"))));
        assertThat(Topics.readAll(broker, out, true)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 90).mapToObj(i -> "r" + i).toList());
    }

    /** Values per key, in the order of the output partitions. */
    private static Map<String, List<Integer>> countsPerWord(List<ConsumerRecord<String, String>> records) {
        Map<String, List<Integer>> byWord = new LinkedHashMap<>();
        records.stream()
                .sorted((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                        : Long.compare(a.offset(), b.offset()))
                .forEach(r -> byWord.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Integer.parseInt(r.value())));
        return byWord;
    }

    private static final int WORDS = 8;
    private static final int PER_WORD = 200;

    private String fillWords(TestBroker broker) {
        String in = Topics.create(broker, "words", 3);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < WORDS * PER_WORD; i++) {
            words.add("word" + (i % WORDS));
        }
        Topics.fill(broker, in, 3, words);
        return in;
    }

    /**
     * Runs {@link RunningCountFlow} in a child JVM, kills it with SIGKILL after a random time,
     * twice, then lets a third run finish.
     */
    private void killTwiceThenFinish(TestBroker broker, String in, String out, String mode, long seed)
            throws Exception {
        Random random = new Random(seed);
        int kills = 0;
        Path state = tmp.resolve("state-" + mode);
        for (int attempt = 0; attempt < 3; attempt++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    RunningCountFlow.class.getName(), broker.bootstrapServers(), in, out, state.toString(), mode, "2")
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child-" + mode + "-" + attempt + ".log").toFile())
                    .start();
            try {
                if (attempt < 2) {
                    // a random point after this run made progress: once more output is committed
                    // (read_committed end) than before it started, plus a random delay
                    long before = Topics.committedEnd(broker, out);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (child.isAlive() && Topics.committedEnd(broker, out) <= before && System.nanoTime() < deadline) {
                        child.waitFor(50, TimeUnit.MILLISECONDS);
                    }
                    if (child.waitFor(300 + random.nextInt(1000), TimeUnit.MILLISECONDS)) {
                        continue; // finished before the kill: the next run is a continuation
                    }
                    child.destroyForcibly().waitFor(); // SIGKILL on Linux
                    kills++;
                } else {
                    assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("the last run finishes").isTrue();
                    assertThat(child.exitValue()).as(java.nio.file.Files.readString(
                            tmp.resolve("child-" + mode + "-" + attempt + ".log"))).isZero();
                }
            } finally {
                child.destroyForcibly();
            }
        }
        assertThat(kills).as("kills that landed before the run finished (seed " + seed + ")").isPositive();
        String logs = "";
        for (int i = 0; i < 3; i++) {
            logs += "--- run " + i + ":\n" + java.nio.file.Files.readString(tmp.resolve("child-" + mode + "-" + i + ".log"));
        }
        assertThat(logs).as("the last run resumed").contains("--- run 2:\n")
                .containsPattern("(?s)--- run 2:.*resuming from epoch");
    }

    /**
     * Was disabled as issue #18 ("a lost committed tail"): the input had been short, not the
     * output — {@link Topics#fill} lost a producer batch that expired on the loaded machine, and
     * the run counted what was there. Fill now checks the topic; the recovery store also drops
     * rows of an epoch the cluster never completed (a resume could mix two runs' state).
     */
    @Test
    void killedTwiceWithSigkillTheExactlyOnceSinkHoldsEveryCountOnce(TestBroker broker) throws Exception {
        String in = fillWords(broker);
        String out = Topics.create(broker, "counts-eos", 2);
        killTwiceThenFinish(broker, in, out, "exactly-once", System.nanoTime());
        Map<String, List<Integer>> counts = countsPerWord(Topics.readAll(broker, out, true));
        List<Integer> expected = IntStream.rangeClosed(1, PER_WORD).boxed().toList();
        assertThat(counts).hasSize(WORDS);
        Map<String, String> wrong = new java.util.TreeMap<>();
        counts.forEach((word, seq) -> {
            if (!seq.equals(expected)) {
                wrong.put(word, seq.size() + " counts: " + seq);
            }
        });
        assertThat(wrong).as("words whose committed counts are not 1 … " + PER_WORD).isEmpty();
    }

    @Test
    void killedTwiceTheAtLeastOnceSinkRepeatsOnlyReEmittedTails(TestBroker broker) throws Exception {
        String in = fillWords(broker);
        String out = Topics.create(broker, "counts-alo", 2);
        killTwiceThenFinish(broker, in, out, "at-least-once", System.nanoTime());
        Map<String, List<Integer>> counts = countsPerWord(Topics.readAll(broker, out, false));
        assertThat(counts).hasSize(WORDS);
        counts.forEach((word, seq) -> {
            // 1, 2, …, a, then (after a resume) b ≤ a + 1, b + 1, … : duplicates only as replayed tails
            assertThat(seq.get(0)).as(word).isEqualTo(1);
            for (int i = 1; i < seq.size(); i++) {
                int prev = seq.get(i - 1);
                int cur = seq.get(i);
                assertThat(cur).as(word + " at " + i + " of " + seq).isLessThanOrEqualTo(prev + 1);
            }
            assertThat(seq.stream().distinct().sorted().toList()).as(word)
                    .isEqualTo(IntStream.rangeClosed(1, PER_WORD).boxed().toList());
        });
    }

    @Test
    void aSecondProducerWithTheSameTransactionalIdIsFencedWithAMessage(TestBroker broker) {
        String out = Topics.create(broker, "fence", 1);
        KafkaSink<KV<String, String>> sink = KafkaSinks.<String, String>strings(broker.bootstrapServers(), out)
                .exactlyOnce("fence-" + out);
        var first = sink.buildPart("writer-0", null);
        try {
            first.write(List.of(KV.of("a", "1")));
            var second = sink.buildPart("writer-0", null); // the resumed run: fences the first
            second.close();
            assertThatThrownBy(() -> {
                first.snapshot();
                first.epochCompleted();
            }).isInstanceOf(KafkaConnectorException.class)
                    .hasMessageContaining("transactional id 'fence-" + out + "-writer-0' was taken over");
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            try {
                first.close();
            } catch (Exception ignored) {
                // fenced
            }
        }
        assertThat(Topics.readAll(broker, out, true)).isEmpty();
    }

    @Test
    void unreachableBrokersFailTheSinkNamingThem() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + closed;
        Dataflow flow = new Dataflow("sink-down");
        flow.input("n", Sources.testing(List.of(KV.of("a", "b"))))
                .output("out", KafkaSinks.<String, String>strings(bootstrap, "t").withTimeout(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> Rivulet.run(flow, 1))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("'out'")
                .hasMessageContaining(bootstrap);
    }
}
