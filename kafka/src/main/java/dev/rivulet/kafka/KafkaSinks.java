package dev.rivulet.kafka;

import dev.rivulet.KV;
import dev.rivulet.kafka.internals.OutRecord;
import java.util.List;
import java.util.Objects;

/**
 * Kafka sinks. Each returns a {@link KafkaSink} to configure further (exactly-once, writers,
 * producer settings).
 *
 * <pre>{@code
 * counts.output("out", KafkaSinks.strings("127.0.0.1:9092", "word-counts")
 *         .exactlyOnce("word-count-out"))
 * }</pre>
 */
public final class KafkaSinks {

    private KafkaSinks() {
    }

    /** {@code KV} items to {@code topic}: key and value as UTF-8 text of {@code String.valueOf}. */
    public static <K, V> KafkaSink<KV<K, V>> strings(String bootstrapServers, String topic) {
        return kv(bootstrapServers, topic, Encoder.string(), Encoder.string());
    }

    /** {@code KV} items to {@code topic}, the key as text and the value as JSON (Jackson). */
    public static <K, V> KafkaSink<KV<K, V>> json(String bootstrapServers, String topic) {
        return kv(bootstrapServers, topic, Encoder.string(), Encoder.json());
    }

    /** {@code KV} items to {@code topic} with the given encoders. */
    public static <K, V> KafkaSink<KV<K, V>> kv(String bootstrapServers, String topic, Encoder<? super K> keys,
            Encoder<? super V> values) {
        Objects.requireNonNull(topic, "topic");
        return KafkaSink.of(bootstrapServers, item -> new OutRecord(topic, encode(keys, topic, item.key()),
                encode(values, topic, item.value()), List.of()));
    }

    /** {@link KafkaMessage} items, each to its own topic, with the given encoders. */
    public static <K, V> KafkaSink<KafkaMessage<K, V>> messages(String bootstrapServers, Encoder<? super K> keys,
            Encoder<? super V> values) {
        return KafkaSink.of(bootstrapServers, m -> new OutRecord(m.topic(), encode(keys, m.topic(), m.key()),
                encode(values, m.topic(), m.value()), m.headers()));
    }

    @SuppressWarnings("unchecked")
    private static <X> byte[] encode(Encoder<? super X> encoder, String topic, X value) throws Exception {
        return ((Encoder<X>) encoder).encode(topic, value);
    }
}
