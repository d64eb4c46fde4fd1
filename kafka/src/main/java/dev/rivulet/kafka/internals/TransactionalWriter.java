package dev.rivulet.kafka.internals;

import dev.rivulet.io.SinkPartition;
import dev.rivulet.kafka.KafkaConnectorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once: one Kafka transaction per epoch in which this partition received items,
 * committed only once the epoch is complete on every worker ({@link #epochCompleted()}), so
 * Kafka never holds output of an epoch a resume would redo.
 *
 * <p>The snapshot keeps the epoch's encoded records and a sequence number; the transaction
 * also commits, as the offset of the consumer group named by the transactional id on partition
 * 0 of the first record's topic, that sequence number (a marker).
 *
 * <p>Invariant: the transaction of the snapshot with sequence {@code s} is committed only after
 * that snapshot is stored on every worker, and until then its records are in the snapshot. So
 * for the snapshot a resume loads, Kafka's marker is {@code s} (committed) or {@code s - 1}
 * (not committed, the records still to commit), never more. Per kill point:
 * <ul>
 *   <li>before the epoch is stored everywhere: the resume loads an older snapshot, whose
 *       transaction had committed before this epoch's first write; {@code initTransactions()}
 *       aborts the open transaction (fencing the dead run's producer) and the run redoes it;
 *   <li>stored everywhere, the commit not accepted by the broker: the open transaction is
 *       aborted, the marker is behind, the stored records are committed again in a new
 *       transaction with the marker;
 *   <li>the commit accepted: {@code initTransactions()} waits until it completes, the marker
 *       equals the sequence and nothing is written again;
 *   <li>killed while committing again at start: the next resume loads the same snapshot and
 *       decides again from the marker.
 * </ul>
 * Records are therefore written exactly once for a {@code read_committed} reader. (The
 * recovery store's part: rows of an epoch the cluster did not complete are dropped at resume,
 * so no later resume loads a dead run's snapshot.)
 */
public final class TransactionalWriter<T> implements SinkPartition<T, SinkState> {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalWriter.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final RecordMapper<T> mapper;
    private final String transactionalId;
    private final String bootstrap;
    private final Duration timeout;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long sequence;
    private List<OutRecord> pending = new ArrayList<>();
    private boolean inTransaction;
    private boolean prepared;

    public TransactionalWriter(Map<String, Object> producerConfig, Map<String, Object> adminConfig,
            RecordMapper<T> mapper, String transactionalId, String bootstrap, Duration timeout, SinkState resume) {
        this.mapper = mapper;
        this.transactionalId = transactionalId;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
        producerConfig.put("transactional.id", transactionalId);
        producerConfig.put("enable.idempotence", "true");
        // an epoch's transaction stays open for the epoch; the broker allows 15 minutes by default
        producerConfig.putIfAbsent("transaction.timeout.ms", "900000");
        try {
            producer = new KafkaProducer<>(producerConfig);
        } catch (RuntimeException e) {
            throw KafkaClients.describe(e, "creating the transactional producer '" + transactionalId + "'",
                    bootstrap, timeout);
        }
        try {
            producer.initTransactions(); // aborts a dead run's open transaction and fences its producer
            if (resume != null) {
                sequence = resume.sequence();
                if (!resume.pending().isEmpty() && marker(adminConfig, resume.markerTopic()) < sequence) {
                    LOG.info("sink transaction '{}': committing again the {} records of the last stored epoch, "
                            + "whose transaction did not commit before the previous run stopped",
                            transactionalId, resume.pending().size());
                    producer.beginTransaction();
                    for (OutRecord record : resume.pending()) {
                        producer.send(record.toProducerRecord(), this::onSent);
                    }
                    producer.sendOffsetsToTransaction(markerOffset(resume.markerTopic()),
                            new ConsumerGroupMetadata(transactionalId));
                    producer.commitTransaction();
                    check();
                }
            }
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw describe(e, "starting the transactional producer '" + transactionalId + "'");
        }
    }

    private long marker(Map<String, Object> adminConfig, String topic) {
        try (Admin admin = Admin.create(adminConfig)) {
            OffsetAndMetadata found = admin.listConsumerGroupOffsets(transactionalId,
                    new ListConsumerGroupOffsetsOptions().requireStable(true))
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(new TopicPartition(topic, 0));
            return found == null ? -1 : found.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaConnectorException("interrupted while reading the marker of '" + transactionalId + "'", e);
        } catch (Exception e) {
            throw KafkaClients.describe(e, "reading the commit marker of transactional id '" + transactionalId + "'",
                    bootstrap, timeout);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> markerOffset(String topic) {
        return Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(sequence, "rivulet sink transaction"));
    }

    private void onSent(org.apache.kafka.clients.producer.RecordMetadata meta, Exception e) {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    }

    private void check() {
        Exception e = failure.get();
        if (e != null) {
            throw describe(e, "writing a record");
        }
    }

    @Override
    public void write(List<? extends T> items) throws Exception {
        check();
        try {
            if (!inTransaction) {
                producer.beginTransaction();
                inTransaction = true;
                pending = new ArrayList<>();
            }
            for (T item : items) {
                OutRecord record = mapper.map(item);
                pending.add(record);
                producer.send(record.toProducerRecord(), this::onSent);
            }
        } catch (RuntimeException e) {
            throw describe(e, "writing to the transaction of '" + transactionalId + "'");
        }
    }

    @Override
    public SinkState snapshot() {
        if (!inTransaction) {
            return new SinkState(sequence, List.of(), null);
        }
        try {
            producer.flush();
            check();
            sequence++;
            String markerTopic = pending.isEmpty() ? null : pending.get(0).topic();
            if (markerTopic != null) {
                producer.sendOffsetsToTransaction(markerOffset(markerTopic), new ConsumerGroupMetadata(transactionalId));
            }
            prepared = true;
            return new SinkState(sequence, List.copyOf(pending), markerTopic);
        } catch (RuntimeException e) {
            throw describe(e, "preparing the transaction of '" + transactionalId + "'");
        }
    }

    @Override
    public void epochCompleted() {
        if (!prepared) {
            return;
        }
        try {
            producer.commitTransaction();
        } catch (RuntimeException e) {
            throw describe(e, "committing the transaction of '" + transactionalId + "'");
        }
        prepared = false;
        inTransaction = false;
        pending = new ArrayList<>();
    }

    private KafkaConnectorException describe(Exception e, String doing) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ProducerFencedException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ProducerFencedException
                || cause instanceof org.apache.kafka.common.errors.InvalidProducerEpochException) {
            return new KafkaConnectorException("the transactional id '" + transactionalId + "' was taken over by "
                    + "another producer while " + doing + " (is another run of this flow, or another flow with the "
                    + "same transactional id prefix, writing?); this run stops without committing", e);
        }
        return KafkaClients.describe(e, doing, bootstrap, timeout);
    }

    @Override
    public void close() {
        if (inTransaction) {
            try {
                producer.abortTransaction(); // a failed or stopped run; a resume commits the stored records
            } catch (RuntimeException ignored) {
                // fenced or unreachable: the next initTransactions aborts it
            }
        }
        producer.close(Duration.ZERO); // nothing uncommitted is worth waiting for: see above
    }
}
