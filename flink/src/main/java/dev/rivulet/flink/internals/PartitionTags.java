package dev.rivulet.flink.internals;

import dev.rivulet.StableHash;
import java.io.Serializable;

/**
 * Which watermark partition an item belongs to, carried in the Flink record's timestamp (Rivulet
 * uses no Flink event time otherwise): an input partition ({@code (input step, partition)}), or
 * one worker of a stateful step ({@code (step, "worker-" + subtask)}). Record timestamps survive
 * chained functions, unions and side outputs, so the {@link WatermarkStamper} before a watermark
 * window knows each item's partition, as the native engine's batch tags do.
 */
public final class PartitionTags {
    private PartitionTags() {
    }

    public static long of(String stepId, String part) {
        return StableHash.of(stepId + "\u0000" + part);
    }

    public static long ofWorker(String stepId, int subtask) {
        return of(stepId, "worker-" + subtask);
    }

    /**
     * A step whose partitions feed a watermark window: an input ({@code source} set) or a stateful
     * step (one partition per worker, {@code source} null).
     */
    public record Upstream(String stepId, dev.rivulet.io.Source<?> source) implements Serializable {
    }
}
