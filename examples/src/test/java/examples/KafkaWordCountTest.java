package examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.kafka.testbroker.KafkaBrokerExtension;
import dev.rivulet.kafka.testbroker.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": {@link KafkaWordCount} from the command line, killed with SIGKILL
 * twice and resumed, leaves exactly one committed count record per word in the output topic.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaWordCountTest {
    private static final String[] VOCABULARY = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"};
    @TempDir
    Path tmp;

    @Test
    void killedTwiceFromTheCliEveryWordIsCountedOnceAndRight(TestBroker broker) throws Exception {
        broker.createTopic("lines", 2);
        broker.createTopic("word-counts", 2);
        Map<String, Long> expected = new TreeMap<>();
        Random random = new Random(42);
        // a batch that expires on a loaded machine fails only in its callback: a shorter input
        // would look like a sink that lost counts
        java.util.concurrent.atomic.AtomicReference<Exception> sendFailed = new java.util.concurrent.atomic.AtomicReference<>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                "linger.ms", "20"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 20_000; i++) {
                StringBuilder line = new StringBuilder();
                for (int w = 0; w < 8; w++) {
                    String word = VOCABULARY[random.nextInt(VOCABULARY.length)];
                    expected.merge(word, 1L, Long::sum);
                    line.append(word).append(' ');
                }
                producer.send(new ProducerRecord<>("lines", line.toString()), (meta, e) -> {
                    if (e != null) {
                        sendFailed.compareAndSet(null, e);
                    }
                });
            }
        }
        assertThat(sendFailed.get()).as("every input line was written").isNull();
        Random kills = new Random();
        for (int attempt = 0; attempt < 3; attempt++) {
            Path log = tmp.resolve("run-" + attempt + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.rivulet.cli.RivuletCli",
                    "run", "examples.KafkaWordCount", "-w", "2", "--epoch-interval", "0.05",
                    "--sqlite-directory", tmp.resolve("state").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("KAFKA_BOOTSTRAP", broker.bootstrapServers());
            Process child = builder.start();
            try {
                if (attempt < 2) {
                    if (!child.waitFor(1000 + kills.nextInt(2500), TimeUnit.MILLISECONDS)) {
                        child.destroyForcibly().waitFor(); // SIGKILL
                    }
                } else {
                    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
                    assertThat(child.exitValue()).as(Files.readString(log)).isZero();
                }
            } finally {
                child.destroyForcibly();
            }
        }
        Map<String, List<Long>> committed = new TreeMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = List.of(new TopicPartition("word-counts", 0), new TopicPartition("word-counts", 1));
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    committed.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Long.parseLong(r.value()));
                }
            }
        }
        Map<String, List<Long>> expectedOnce = new HashMap<>();
        expected.forEach((word, n) -> expectedOnce.put(word, List.of(n)));
        assertThat(committed).isEqualTo(expectedOnce);
    }
}
