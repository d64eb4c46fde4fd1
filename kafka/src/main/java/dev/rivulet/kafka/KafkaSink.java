package dev.rivulet.kafka;

import dev.rivulet.io.PartitionedSink;
import dev.rivulet.io.SinkPartition;
import dev.rivulet.kafka.internals.AtLeastOnceWriter;
import dev.rivulet.kafka.internals.KafkaClients;
import dev.rivulet.kafka.internals.OutRecord;
import dev.rivulet.kafka.internals.RecordMapper;
import dev.rivulet.kafka.internals.SinkState;
import dev.rivulet.kafka.internals.TransactionalWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.utils.Utils;

/**
 * Writes items to Kafka, keyed so that Kafka's partitioner sees the item's key.
 *
 * <p>The sink has {@link #writers(int)} partitions ({@code writer-0 …}, default 1), each owned
 * by one worker with its own producer; an item goes to the writer chosen by the hash of its
 * encoded key, so each key's records keep their order.
 *
 * <ul>
 *   <li>By default <b>at-least-once</b>: an idempotent producer, every epoch close waits until
 *       all records are acknowledged. A resumed run writes the records of the epoch in flight at
 *       the crash again.
 *   <li>{@link #exactlyOnce(String)}: one Kafka transaction per writer and epoch, committed once
 *       the epoch is complete on every worker; transactional id {@code <prefix>-writer-<i>}, the
 *       same in every run, so a resumed run fences the producer of a killed one. Readers must
 *       use {@code isolation.level=read_committed} to see only committed records; output becomes
 *       visible at each epoch's end. Needs recovery to survive crashes (without it, a rerun
 *       writes everything again).
 * </ul>
 *
 * <p>Instances are immutable: each {@code with…} method returns a copy.
 */
public final class KafkaSink<T> implements PartitionedSink<T, SinkState> {
    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final RecordMapper<T> mapper;
    private final String transactionalIdPrefix;
    private final int writers;
    private final Duration timeout;
    private final LinkedHashMap<String, String> config;

    private KafkaSink(String bootstrapServers, RecordMapper<T> mapper, String transactionalIdPrefix, int writers,
            Duration timeout, Map<String, String> config) {
        this.bootstrapServers = bootstrapServers;
        this.mapper = mapper;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.writers = writers;
        this.timeout = timeout;
        this.config = new LinkedHashMap<>(config);
    }

    static <T> KafkaSink<T> of(String bootstrapServers, RecordMapper<T> mapper) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is blank: give host:port[,host:port…]");
        }
        return new KafkaSink<>(bootstrapServers, mapper, null, 1, Duration.ofSeconds(30), Map.of());
    }

    /**
     * Exactly-once through Kafka transactions, with transactional ids
     * {@code <transactionalIdPrefix>-writer-<i>}: give each flow (and each Kafka sink in it) its
     * own prefix and keep it between runs.
     */
    public KafkaSink<T> exactlyOnce(String transactionalIdPrefix) {
        if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
            throw new IllegalArgumentException("exactlyOnce needs a transactional id prefix, unique to this sink "
                    + "and the same in every run, such as \"word-count-out\"");
        }
        return new KafkaSink<>(bootstrapServers, mapper, transactionalIdPrefix, writers, timeout, config);
    }

    /** How many writers (sink partitions, each with its own producer) share the output. */
    public KafkaSink<T> writers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("writers must be at least 1, got " + count);
        }
        return new KafkaSink<>(bootstrapServers, mapper, transactionalIdPrefix, count, timeout, config);
    }

    /** How long to wait for the brokers before failing (default 30 s). */
    public KafkaSink<T> withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new KafkaSink<>(bootstrapServers, mapper, transactionalIdPrefix, writers, timeout, config);
    }

    /** A {@code kafka-clients} producer setting passed through ({@code compression.type}, {@code sasl.*} …). */
    public KafkaSink<T> withConfig(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(config);
        copy.put(key, value);
        return new KafkaSink<>(bootstrapServers, mapper, transactionalIdPrefix, writers, timeout, copy);
    }

    /** Several producer settings at once. */
    public KafkaSink<T> withConfig(Map<String, String> settings) {
        KafkaSink<T> sink = this;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            sink = sink.withConfig(e.getKey(), e.getValue());
        }
        return sink;
    }

    @Override
    public List<String> listParts() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            parts.add("writer-" + i);
        }
        return parts;
    }

    @Override
    public String assignPart(T item) throws Exception {
        if (writers == 1) {
            return "writer-0";
        }
        OutRecord record = mapper.map(item);
        byte[] basis = record.key() != null ? record.key() : record.value();
        int hash = basis == null ? 0 : Utils.toPositive(Utils.murmur2(basis));
        return "writer-" + (hash % writers);
    }

    @Override
    public SinkPartition<T, SinkState> buildPart(String partKey, SinkState resumeState) {
        Map<String, Object> producer = KafkaClients.producerConfig(bootstrapServers, config, timeout);
        if (transactionalIdPrefix == null) {
            return new AtLeastOnceWriter<>(producer, mapper, bootstrapServers, timeout, resumeState);
        }
        return new TransactionalWriter<>(producer, KafkaClients.adminConfig(bootstrapServers, config, timeout),
                mapper, transactionalIdPrefix + "-" + partKey, bootstrapServers, timeout, resumeState);
    }

    @Override
    public String toString() {
        return "KafkaSink(" + bootstrapServers + (transactionalIdPrefix == null ? ", at-least-once"
                : ", exactly-once " + transactionalIdPrefix) + ")";
    }
}
