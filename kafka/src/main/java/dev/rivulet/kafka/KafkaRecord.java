package dev.rivulet.kafka;

import java.time.Instant;
import java.util.List;

/**
 * A record read from Kafka: the deserialized key and value with where it was read from.
 *
 * <p>When the source routes records that do not deserialize instead of failing
 * ({@link KafkaSource#routingBadRecords()}), such a record has {@code null} key and value and a
 * non-null {@link #error()}; split them off with
 * {@code stream.branch("bad-records", KafkaRecord::failed)}.
 *
 * @param timestamp the record's Kafka timestamp, epoch milliseconds (see {@link #time()} for
 *     event-time clocks: {@code WindowClock.watermark(KafkaRecord::time, lateness)})
 * @param error why the key or value could not be deserialized, or {@code null}
 */
public record KafkaRecord<K, V>(K key, V value, String topic, int partition, long offset,
        long timestamp, List<KafkaHeader> headers, BadRecord error) {

    /** The Kafka timestamp as an {@link Instant}, for event-time clocks. */
    public Instant time() {
        return Instant.ofEpochMilli(timestamp);
    }

    /** Whether the key or value did not deserialize (only when bad records are routed). */
    public boolean failed() {
        return error != null;
    }

    /** The first header with this key, or {@code null}. */
    public KafkaHeader header(String key) {
        for (KafkaHeader header : headers) {
            if (header.key().equals(key)) {
                return header;
            }
        }
        return null;
    }

    /**
     * A record that did not deserialize: its raw bytes and the failure.
     *
     * @param message the deserializer's message, prefixed with the topic, partition and offset
     */
    public record BadRecord(byte[] rawKey, byte[] rawValue, String message) {
    }
}
