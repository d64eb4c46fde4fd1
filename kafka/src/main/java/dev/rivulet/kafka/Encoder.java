package dev.rivulet.kafka;

import dev.rivulet.kafka.internals.Json;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Turns a key or value into the bytes of a Kafka record. Serializable, because a flow travels
 * to worker JVMs; {@link #kafka} adapts any Kafka {@link Serializer}.
 */
@FunctionalInterface
public interface Encoder<T> extends Serializable {

    /** Encodes {@code value}; {@code null} gives {@code null} (no key, or a tombstone). */
    byte[] encode(String topic, T value) throws Exception;

    static Encoder<byte[]> bytes() {
        return (topic, value) -> value;
    }

    /** UTF-8 text of {@code String.valueOf(value)}; {@code null} stays {@code null}. */
    static <T> Encoder<T> string() {
        return (topic, value) -> value == null ? null : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    /** JSON written by Jackson (records, beans, maps; ISO java.time). */
    static <T> Encoder<T> json() {
        return (topic, value) -> value == null ? null : Json.mapper().writeValueAsBytes(value);
    }

    /** A Kafka serializer, created once per JVM by the serializable {@code factory}. */
    static <T> Encoder<T> kafka(Decoder.SerializableSupplier<? extends Serializer<T>> factory) {
        return new Encoder<>() {
            private transient Serializer<T> serializer;

            @Override
            public byte[] encode(String topic, T value) {
                if (serializer == null) {
                    serializer = factory.get();
                }
                return serializer.serialize(topic, value);
            }
        };
    }
}
