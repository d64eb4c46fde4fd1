package dev.rivulet.kafka.internals;

import dev.rivulet.io.SinkPartition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * At-least-once: an idempotent producer sends as items come; every snapshot waits until all
 * sent records are acknowledged, so a stored epoch's records are in Kafka. A resumed run sends
 * the records of the epoch in flight at the crash again (the re-emitted tail).
 */
public final class AtLeastOnceWriter<T> implements SinkPartition<T, SinkState> {
    private final KafkaProducer<byte[], byte[]> producer;
    private final RecordMapper<T> mapper;
    private final String bootstrap;
    private final Duration timeout;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile String failedTopic;
    private long sequence;

    public AtLeastOnceWriter(Map<String, Object> config, RecordMapper<T> mapper, String bootstrap, Duration timeout,
            SinkState resume) {
        config.putIfAbsent("enable.idempotence", "true");
        config.putIfAbsent("acks", "all");
        this.mapper = mapper;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
        this.sequence = resume == null ? 0 : resume.sequence();
        try {
            producer = new KafkaProducer<>(config);
        } catch (RuntimeException e) {
            throw KafkaClients.describe(e, "creating a producer", bootstrap, timeout);
        }
    }

    @Override
    public void write(List<? extends T> items) throws Exception {
        check();
        for (T item : items) {
            OutRecord record = mapper.map(item);
            try {
                producer.send(record.toProducerRecord(), (meta, e) -> {
                    if (e != null && failure.compareAndSet(null, e)) {
                        failedTopic = record.topic();
                    }
                });
            } catch (RuntimeException e) {
                throw KafkaClients.describe(e, "writing to topic '" + record.topic() + "'", bootstrap, timeout);
            }
        }
    }

    private void check() {
        Exception e = failure.get();
        if (e != null) {
            throw KafkaClients.describe(e, "writing to topic '" + failedTopic + "'", bootstrap, timeout);
        }
    }

    @Override
    public SinkState snapshot() {
        producer.flush();
        check();
        return new SinkState(++sequence, List.of(), null);
    }

    @Override
    public void close() {
        // every epoch close flushed; what is left belongs to a failed epoch, which a resume re-emits
        producer.close(Duration.ZERO);
    }
}
