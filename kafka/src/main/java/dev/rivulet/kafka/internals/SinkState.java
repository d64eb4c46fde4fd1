package dev.rivulet.kafka.internals;

import java.util.List;

/**
 * A Kafka sink partition's snapshot.
 *
 * @param sequence how many transactions this partition has prepared (at-least-once: snapshots)
 * @param pending the records of the transaction prepared at this snapshot, which is committed
 *     when the epoch completes; a resumed run commits them again unless Kafka already holds
 *     the marker of {@code sequence} (exactly-once only; empty otherwise)
 * @param markerTopic the topic whose partition 0 carries the marker offset of the group named
 *     by the transactional id, or {@code null} when nothing is pending
 */
public record SinkState(long sequence, List<OutRecord> pending, String markerTopic) {
}
