package dev.rivulet.kafka;

import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.SourcePartition;
import dev.rivulet.kafka.internals.KafkaClients;
import dev.rivulet.kafka.internals.PartitionReader;
import dev.rivulet.kafka.internals.TopicPartitions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads Kafka topics: one Rivulet partition per topic-partition (named {@code topic-N}), each
 * read by the worker that owns it with its own consumer ({@code assign}, never a consumer
 * group), positions snapshotted at every epoch close as the next offset to read.
 *
 * <p>A fresh run starts each partition at {@link #startingAt}; a resumed run at exactly the
 * offsets of the last completed epoch (committed group offsets are never used nor written).
 * By default the source tails the topics forever; {@link #toCurrentEnd()} stops each partition
 * at the end offset it had when opened (a bounded read, for batch jobs and tests).
 *
 * <p>Instances are immutable: each {@code with…} method returns a copy.
 *
 * <pre>{@code
 * flow.input("clicks", KafkaSources.strings("127.0.0.1:9092", "clicks")
 *         .startingAt(StartPosition.earliest())
 *         .withConfig("isolation.level", "read_committed"))
 *     .map("value", KafkaRecord::value)
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class KafkaSource<K, V> implements PartitionedSource<KafkaRecord<K, V>, Long> {
    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final List<String> topics;
    private final String pattern;
    private final Decoder<K> keyDecoder;
    private final Decoder<V> valueDecoder;
    private final StartPosition start;
    private final boolean toCurrentEnd;
    private final Duration idleEnd;
    private final boolean routeBadRecords;
    private final Duration timeout;
    private final LinkedHashMap<String, String> config;

    private KafkaSource(String bootstrapServers, List<String> topics, String pattern, Decoder<K> keyDecoder,
            Decoder<V> valueDecoder, StartPosition start, boolean toCurrentEnd, Duration idleEnd,
            boolean routeBadRecords, Duration timeout, Map<String, String> config) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.pattern = pattern;
        this.keyDecoder = keyDecoder;
        this.valueDecoder = valueDecoder;
        this.start = start;
        this.toCurrentEnd = toCurrentEnd;
        this.idleEnd = idleEnd;
        this.routeBadRecords = routeBadRecords;
        this.timeout = timeout;
        this.config = new LinkedHashMap<>(config);
    }

    static <K, V> KafkaSource<K, V> of(String bootstrapServers, List<String> topics, String pattern,
            Decoder<K> keyDecoder, Decoder<V> valueDecoder) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is blank: give host:port[,host:port…]");
        }
        if (pattern == null && (topics == null || topics.isEmpty())) {
            throw new IllegalArgumentException("no topic given: name at least one topic or a pattern");
        }
        if (pattern != null) {
            Pattern.compile(pattern); // fails now on a bad regular expression
        }
        return new KafkaSource<>(bootstrapServers, topics == null ? List.of() : List.copyOf(topics), pattern,
                Objects.requireNonNull(keyDecoder, "keyDecoder"), Objects.requireNonNull(valueDecoder, "valueDecoder"),
                StartPosition.earliest(), false, null, false, Duration.ofSeconds(30), Map.of());
    }

    /** Where a fresh run starts (default {@link StartPosition#earliest()}). */
    public KafkaSource<K, V> startingAt(StartPosition position) {
        return new KafkaSource<>(bootstrapServers, topics, pattern, keyDecoder, valueDecoder,
                Objects.requireNonNull(position, "position"), toCurrentEnd, idleEnd, routeBadRecords, timeout, config);
    }

    /** Stop each partition at the end offset it had when opened, instead of tailing it. */
    public KafkaSource<K, V> toCurrentEnd() {
        return new KafkaSource<>(bootstrapServers, topics, pattern, keyDecoder, valueDecoder, start, true,
                idleEnd, routeBadRecords, timeout, config);
    }

    /**
     * End each partition once it has been caught up (a fetch showed nothing more to read) for
     * {@code idle} without a new record: tail a topic while data flows, then stop, as a demo or
     * a drain job does. Where it stops depends on timing; a continuation run reads on from there.
     */
    public KafkaSource<K, V> stopWhenIdleFor(Duration idle) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("idle must be positive, got " + idle);
        }
        return new KafkaSource<>(bootstrapServers, topics, pattern, keyDecoder, valueDecoder, start, toCurrentEnd,
                idle, routeBadRecords, timeout, config);
    }

    /**
     * Emit records that do not deserialize as {@link KafkaRecord#failed() failed} records
     * (raw bytes and message in {@link KafkaRecord#error()}) instead of failing the run; split
     * them off with {@code .branch("bad", KafkaRecord::failed)}.
     */
    public KafkaSource<K, V> routingBadRecords() {
        return new KafkaSource<>(bootstrapServers, topics, pattern, keyDecoder, valueDecoder, start, toCurrentEnd,
                idleEnd, true, timeout, config);
    }

    /**
     * How long to wait for the brokers when listing partitions and finding start offsets before
     * failing with a message naming the brokers and topics (default 30 s).
     */
    public KafkaSource<K, V> withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new KafkaSource<>(bootstrapServers, topics, pattern, keyDecoder, valueDecoder, start, toCurrentEnd,
                idleEnd, routeBadRecords, timeout, config);
    }

    /**
     * A {@code kafka-clients} consumer (and admin) setting passed through as is, such as
     * {@code isolation.level=read_committed} or {@code security.protocol}/{@code sasl.*}.
     * {@code enable.auto.commit} is always false and {@code group.id} is not needed.
     */
    public KafkaSource<K, V> withConfig(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(config);
        copy.put(key, value);
        return new KafkaSource<>(bootstrapServers, topics, pattern, keyDecoder, valueDecoder, start, toCurrentEnd,
                idleEnd, routeBadRecords, timeout, copy);
    }

    /** Several settings at once, see {@link #withConfig(String, String)}. */
    public KafkaSource<K, V> withConfig(Map<String, String> settings) {
        KafkaSource<K, V> source = this;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            source = source.withConfig(e.getKey(), e.getValue());
        }
        return source;
    }

    /** The brokers, as given. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public List<String> listParts() {
        return TopicPartitions.list(KafkaClients.adminConfig(bootstrapServers, config, timeout), bootstrapServers,
                topics, pattern, timeout);
    }

    @Override
    public SourcePartition<KafkaRecord<K, V>, Long> buildPart(String partKey, Long resumeState) {
        TopicPartition tp = TopicPartitions.parse(partKey);
        return new PartitionReader<>(KafkaClients.consumerConfig(bootstrapServers, config, timeout), bootstrapServers,
                tp, resumeState, start, toCurrentEnd, idleEnd, keyDecoder, valueDecoder, routeBadRecords, timeout);
    }

    @Override
    public String toString() {
        return "KafkaSource(" + bootstrapServers + ", " + (pattern != null ? "pattern " + pattern : topics) + ")";
    }
}
