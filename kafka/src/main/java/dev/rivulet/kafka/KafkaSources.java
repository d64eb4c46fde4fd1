package dev.rivulet.kafka;

import java.util.List;

/**
 * Kafka sources. Each returns a {@link KafkaSource} to configure further.
 *
 * <pre>{@code
 * flow.input("lines", KafkaSources.strings("127.0.0.1:9092", "lines"))
 * flow.input("clicks", KafkaSources.json("127.0.0.1:9092", Click.class, "clicks"))
 * flow.input("all", KafkaSources.pattern("127.0.0.1:9092", "events-.*", Decoder.bytes(), Decoder.bytes()))
 * }</pre>
 */
public final class KafkaSources {

    private KafkaSources() {
    }

    /** Keys and values as UTF-8 text. */
    public static KafkaSource<String, String> strings(String bootstrapServers, String... topics) {
        return KafkaSource.of(bootstrapServers, List.of(topics), null, Decoder.string(), Decoder.string());
    }

    /** Keys and values as raw bytes. */
    public static KafkaSource<byte[], byte[]> bytes(String bootstrapServers, String... topics) {
        return KafkaSource.of(bootstrapServers, List.of(topics), null, Decoder.bytes(), Decoder.bytes());
    }

    /** Keys as text, values as JSON read into {@code type} by Jackson. */
    public static <V> KafkaSource<String, V> json(String bootstrapServers, Class<V> type, String... topics) {
        return KafkaSource.of(bootstrapServers, List.of(topics), null, Decoder.string(), Decoder.json(type));
    }

    /** The given topics with the given decoders. */
    public static <K, V> KafkaSource<K, V> topics(String bootstrapServers, List<String> topics, Decoder<K> keys,
            Decoder<V> values) {
        return KafkaSource.of(bootstrapServers, topics, null, keys, values);
    }

    /**
     * Every topic whose whole name matches the regular expression, as found when the run starts
     * (topics created later are not picked up: partition lists are fixed per run).
     */
    public static <K, V> KafkaSource<K, V> pattern(String bootstrapServers, String regex, Decoder<K> keys,
            Decoder<V> values) {
        return KafkaSource.of(bootstrapServers, null, regex, keys, values);
    }
}
