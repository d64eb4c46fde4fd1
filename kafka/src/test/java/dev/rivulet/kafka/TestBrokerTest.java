package dev.rivulet.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.kafka.testbroker.KafkaBrokerExtension;
import dev.rivulet.kafka.testbroker.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test broker itself: a record written is read back. */
@ExtendWith(KafkaBrokerExtension.class)
class TestBrokerTest {

    @Test
    void aRecordWrittenIsReadBack(TestBroker broker) throws Exception {
        broker.createTopic("smoke", 1);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("smoke", "k", "hello")).get();
        }
        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers",
                broker.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("smoke", 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
        }
        assertThat(seen).containsExactly("k=hello");
    }
}
