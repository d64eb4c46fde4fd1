package dev.rivulet.kafka.internals;

import dev.rivulet.kafka.KafkaHeader;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/** An encoded record on its way to Kafka; kept in the sink's snapshot until its epoch is committed. */
public record OutRecord(String topic, byte[] key, byte[] value, List<KafkaHeader> headers) {

    public ProducerRecord<byte[], byte[]> toProducerRecord() {
        List<org.apache.kafka.common.header.Header> kafkaHeaders = new ArrayList<>();
        for (KafkaHeader h : headers) {
            kafkaHeaders.add(new RecordHeader(h.key(), h.value()));
        }
        return new ProducerRecord<>(topic, null, null, key, value, kafkaHeaders);
    }
}
