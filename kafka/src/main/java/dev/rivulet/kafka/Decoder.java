package dev.rivulet.kafka;

import dev.rivulet.kafka.internals.Json;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns the bytes of a record's key or value into a value. Serializable, because a flow
 * travels to worker JVMs; {@link #kafka} adapts any Kafka {@link Deserializer}.
 *
 * <pre>{@code
 * Decoder<String> text = Decoder.string();
 * Decoder<Click> clicks = Decoder.json(Click.class);
 * Decoder<Long> longs = Decoder.kafka(LongDeserializer::new);
 * }</pre>
 */
@FunctionalInterface
public interface Decoder<T> extends Serializable {

    /** Decodes {@code data} ({@code null} for a missing key or a tombstone value). */
    T decode(String topic, byte[] data) throws Exception;

    /** The bytes as they are. */
    static Decoder<byte[]> bytes() {
        return (topic, data) -> data;
    }

    /** UTF-8 text; {@code null} stays {@code null}. */
    static Decoder<String> string() {
        return (topic, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8);
    }

    /** A JSON value read into {@code type} by Jackson (records, beans, maps; ISO java.time). */
    static <T> Decoder<T> json(Class<T> type) {
        return (topic, data) -> data == null ? null : Json.mapper().readValue(data, type);
    }

    /**
     * A Kafka deserializer, created once per JVM that uses it by {@code factory} (which must be
     * serializable: a constructor reference such as {@code LongDeserializer::new} is).
     */
    static <T> Decoder<T> kafka(SerializableSupplier<? extends Deserializer<T>> factory) {
        return new Decoder<>() {
            private transient Deserializer<T> deserializer;

            @Override
            public T decode(String topic, byte[] data) {
                if (deserializer == null) {
                    deserializer = factory.get();
                }
                return deserializer.deserialize(topic, data);
            }
        };
    }

    /** A {@link Supplier} that can travel to worker JVMs. */
    @FunctionalInterface
    interface SerializableSupplier<T> extends Supplier<T>, Serializable {
    }
}
