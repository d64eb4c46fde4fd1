package dev.rivulet.kafka;

import java.nio.charset.StandardCharsets;

/** One header of a Kafka record: a key and raw bytes (possibly {@code null}). */
public record KafkaHeader(String key, byte[] value) {

    /** The value read as UTF-8, or {@code null}. */
    public String valueAsString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
