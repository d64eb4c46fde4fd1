package dev.rivulet.kafka;

import java.util.List;

/**
 * A record to write with {@link KafkaSinks#messages}: its own topic, a key (seen by Kafka's
 * partitioner; {@code null} for none), a value and headers.
 */
public record KafkaMessage<K, V>(String topic, K key, V value, List<KafkaHeader> headers) {

    public KafkaMessage(String topic, K key, V value) {
        this(topic, key, value, List.of());
    }
}
