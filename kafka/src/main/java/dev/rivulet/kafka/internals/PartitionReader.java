package dev.rivulet.kafka.internals;

import dev.rivulet.io.SourcePartition;
import dev.rivulet.kafka.Decoder;
import dev.rivulet.kafka.KafkaConnectorException;
import dev.rivulet.kafka.KafkaHeader;
import dev.rivulet.kafka.KafkaRecord;
import dev.rivulet.kafka.StartPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * One topic-partition read by its own consumer ({@code assign} and {@code seek}, no group).
 * The position is the next offset to read; polls never block.
 */
public final class PartitionReader<K, V> implements SourcePartition<KafkaRecord<K, V>, Long> {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition tp;
    private final String bootstrap;
    private final Duration timeout;
    private final Decoder<K> keyDecoder;
    private final Decoder<V> valueDecoder;
    private final boolean routeBad;
    private final long end;
    private final long idleEndNanos;
    /** Since when the partition has been caught up with nothing new, or -1. */
    private long idleSinceNanos = -1;
    private Iterator<ConsumerRecord<byte[], byte[]>> pending = java.util.Collections.emptyIterator();
    private long next;

    public PartitionReader(Map<String, Object> config, String bootstrap, TopicPartition tp, Long resume,
            StartPosition start, boolean toCurrentEnd, Duration idleEnd, Decoder<K> keyDecoder, Decoder<V> valueDecoder,
            boolean routeBad, Duration timeout) {
        this.tp = tp;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
        this.keyDecoder = keyDecoder;
        this.valueDecoder = valueDecoder;
        this.routeBad = routeBad;
        this.idleEndNanos = idleEnd == null ? Long.MAX_VALUE : idleEnd.toNanos();
        try {
            consumer = new KafkaConsumer<>(config);
        } catch (RuntimeException e) {
            throw KafkaClients.describe(e, "connecting to read " + where(), bootstrap, timeout);
        }
        try {
            consumer.assign(List.of(tp));
            if (resume != null) {
                consumer.seek(tp, resume); // exactly the snapshot's offset, never a group's
            } else if (start instanceof StartPosition.Latest) {
                consumer.seekToEnd(List.of(tp));
            } else if (start instanceof StartPosition.AtTime at) {
                OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(tp, at.epochMillis()), timeout).get(tp);
                if (found == null) {
                    consumer.seekToEnd(List.of(tp));
                } else {
                    consumer.seek(tp, found.offset());
                }
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
            next = consumer.position(tp, timeout);
            end = toCurrentEnd ? consumer.endOffsets(List.of(tp), timeout).get(tp) : Long.MAX_VALUE;
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw KafkaClients.describe(e, "finding the start offset of " + where(), bootstrap, timeout);
        }
    }

    private String where() {
        return "topic '" + tp.topic() + "' partition " + tp.partition();
    }

    @Override
    public boolean nextBatch(List<? super KafkaRecord<K, V>> out, int max) {
        if (!pending.hasNext()) {
            if (next >= end) {
                return false;
            }
            try {
                pending = consumer.poll(Duration.ZERO).records(tp).iterator();
            } catch (RuntimeException e) {
                throw KafkaClients.describe(e, "reading " + where() + " at offset " + next, bootstrap, timeout);
            }
            if (idleEndNanos != Long.MAX_VALUE) {
                if (pending.hasNext()) {
                    idleSinceNanos = -1;
                } else {
                    // idle counts only once a fetch showed nothing left to read, so a slow first
                    // fetch does not end the partition before its data arrived
                    java.util.OptionalLong lag = consumer.currentLag(tp);
                    long now = System.nanoTime();
                    if (lag.isEmpty() || lag.getAsLong() > 0) {
                        idleSinceNanos = -1;
                    } else if (idleSinceNanos < 0) {
                        idleSinceNanos = now;
                    } else if (now - idleSinceNanos >= idleEndNanos) {
                        return false;
                    }
                }
            }
            if (!pending.hasNext() && end != Long.MAX_VALUE) {
                // the end may be past transaction markers and compacted-away offsets
                next = Math.max(next, consumer.position(tp, timeout));
                return next < end;
            }
        }
        int added = 0;
        while (added < max && pending.hasNext()) {
            ConsumerRecord<byte[], byte[]> r = pending.next();
            if (r.offset() >= end) {
                pending = java.util.Collections.emptyIterator();
                next = end;
                break;
            }
            out.add(decode(r));
            next = r.offset() + 1;
            added++;
        }
        return next < end || pending.hasNext();
    }

    private KafkaRecord<K, V> decode(ConsumerRecord<byte[], byte[]> r) {
        List<KafkaHeader> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new KafkaHeader(h.key(), h.value()));
        }
        K key;
        String part = "key";
        try {
            key = keyDecoder.decode(r.topic(), r.key());
            part = "value";
            V value = valueDecoder.decode(r.topic(), r.value());
            return new KafkaRecord<>(key, value, r.topic(), r.partition(), r.offset(), r.timestamp(),
                    List.copyOf(headers), null);
        } catch (Exception e) {
            String where = "cannot deserialize the " + part + " of the record at topic '" + r.topic()
                    + "' partition " + r.partition() + " offset " + r.offset();
            String why = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
            String message = where + ": " + why;
            if (!routeBad) {
                // the hint before the decoder's text, which can be long and is cut in the run's message
                throw new KafkaConnectorException(where + " (fix the data or the decoder, or route such records "
                        + "to a side stream with .routingBadRecords()): " + why, e);
            }
            return new KafkaRecord<>(null, null, r.topic(), r.partition(), r.offset(), r.timestamp(),
                    List.copyOf(headers), new KafkaRecord.BadRecord(r.key(), r.value(), message));
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    @Override
    public Long snapshot() {
        return next;
    }

    @Override
    public long estimatedSize() {
        return end == Long.MAX_VALUE ? -1 : end;
    }

    @Override
    public long consumed() {
        return next;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
