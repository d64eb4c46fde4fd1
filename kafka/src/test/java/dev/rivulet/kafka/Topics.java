package dev.rivulet.kafka;

import dev.rivulet.kafka.testbroker.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test helpers: fresh topic names, filling a topic, reading one to its end. */
final class Topics {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Topics() {
    }

    /** A topic name not used before in this JVM, created with {@code partitions} partitions. */
    static String create(TestBroker broker, String prefix, int partitions) {
        String topic = prefix + "-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
        broker.createTopic(topic, partitions);
        return topic;
    }

    /** Writes {@code key=value} pairs, record i to partition {@code i % partitions}. */
    static void fill(TestBroker broker, String topic, int partitions, List<String> values) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, "k" + i, values.get(i)));
            }
            producer.flush();
        }
    }

    /** Every record of {@code topic} (all partitions, to their current end) as key=value. */
    static List<ConsumerRecord<String, String>> readAll(TestBroker broker, String topic, boolean readCommitted) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("isolation.level", readCommitted ? "read_committed" : "read_uncommitted");
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                tps.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(all::add);
            }
        }
        return all;
    }

    static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).collect(Collectors.toList());
    }
}
