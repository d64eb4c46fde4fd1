package dev.rivulet.kafka;

import dev.rivulet.kafka.testbroker.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
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

    /**
     * Appends {@code key=value} pairs, record i to partition {@code i % partitions}, and checks
     * that the topic then holds exactly them after what it held before. A send can fail without
     * a word: on a loaded machine a batch that waited too long expires
     * ({@code delivery.timeout.ms}) and {@code flush()} returns all the same; a kill test then
     * ran on a shorter input and looked like a sink that lost output. The idempotent producer keeps each partition a prefix of
     * what was sent, so a partition found short gets the rest sent again, a few times at most.
     */
    static void fill(TestBroker broker, String topic, int partitions, List<String> values) {
        List<List<ProducerRecord<String, String>>> perPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            perPartition.add(new ArrayList<>());
        }
        for (int i = 0; i < values.size(); i++) {
            perPartition.get(i % partitions).add(new ProducerRecord<>(topic, i % partitions, "k" + i, values.get(i)));
        }
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(),
                "request.timeout.ms", "10000", "delivery.timeout.ms", "20000");
        List<String> failures = new ArrayList<>();
        Map<Integer, Long> before = endOffsets(broker, topic, partitions);
        for (int attempt = 0; attempt < 4; attempt++) {
            Map<Integer, Long> ends = endOffsets(broker, topic, partitions);
            boolean complete = true;
            AtomicReference<Exception> failed = new AtomicReference<>();
            try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                for (int p = 0; p < partitions; p++) {
                    List<ProducerRecord<String, String>> records = perPartition.get(p);
                    long end = ends.get(p) - before.get(p); // how many of this fill's records it holds
                    if (end > records.size()) {
                        throw new AssertionError("filling topic " + topic + ": partition " + p + " grew by " + end
                                + " records, more than the " + records.size() + " written");
                    }
                    complete &= end == records.size();
                    for (ProducerRecord<String, String> record : records.subList((int) end, records.size())) {
                        producer.send(record, (meta, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
                    }
                }
                producer.flush();
            }
            if (complete) {
                return;
            }
            if (failed.get() != null) {
                failures.add(failed.get().toString());
            }
        }
        throw new AssertionError("filling topic " + topic + ": partitions still short after 4 attempts, "
                + endOffsets(broker, topic, partitions) + "; send failures: " + failures);
    }

    /** The end offset of every partition of {@code topic}. */
    static Map<Integer, Long> endOffsets(TestBroker broker, String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            specs.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try (Admin admin = broker.admin()) {
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(specs).all().get(60, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        } catch (Exception e) {
            throw new AssertionError("cannot list the end offsets of " + topic, e);
        }
    }

    /** The sum over the partitions of {@code topic} of the offset a read_committed reader can reach. */
    static long committedEnd(TestBroker broker, String topic) {
        try (var admin = broker.admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (var p : partitions) {
                specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            }
            return admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get().values().stream()
                    .mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            throw new AssertionError(e);
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
