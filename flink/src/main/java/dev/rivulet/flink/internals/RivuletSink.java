package dev.rivulet.flink.internals;

import dev.rivulet.StableHash;
import dev.rivulet.io.DynamicSink;
import dev.rivulet.io.PartitionedSink;
import dev.rivulet.io.Sink;
import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Rivulet sink as a Flink (Sink V2) sink with writer state. A {@link PartitionedSink}'s
 * partitions are owned as in the native engine (subtask {@code StableHash.workerFor(part, n)},
 * items routed there by {@link SinkPartitioner}); the writer state is each partition's
 * {@code snapshot()} at the checkpoint, and a restored writer rebuilds its partitions from those
 * positions — a file sink truncates back to them, so with the source replaying from the same
 * checkpoint the output is exactly-once, as in the native engine. A {@link DynamicSink} gets one
 * writer per subtask and no state (at-least-once).
 */
public final class RivuletSink implements org.apache.flink.api.connector.sink2.Sink<Object>,
        SupportsWriterState<Object, HashMap<String, Serializable>> {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final Sink<?> sink;
    private final int batchSize;

    public RivuletSink(String stepId, Sink<?> sink, int batchSize) {
        this.stepId = stepId;
        this.sink = sink;
        this.batchSize = batchSize;
    }

    @Override
    public StatefulSinkWriter<Object, HashMap<String, Serializable>> createWriter(WriterInitContext context)
            throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<Object, HashMap<String, Serializable>> restoreWriter(WriterInitContext context,
            Collection<HashMap<String, Serializable>> recoveredState) throws IOException {
        HashMap<String, Serializable> positions = new HashMap<>();
        recoveredState.forEach(positions::putAll);
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        return new PartWriter(stepId, sink, batchSize, subtask, parallelism, positions);
    }

    @Override
    public SimpleVersionedSerializer<HashMap<String, Serializable>> getWriterStateSerializer() {
        return new JavaSerializer<>();
    }

    /** The subtask that owns partition {@code part}: the native engine's rule. */
    static int owner(String part, int parallelism) {
        return StableHash.workerFor(part, parallelism);
    }

    /** Whether {@code sink} needs items routed to partition owners. */
    public static boolean isPartitioned(Sink<?> sink) {
        return sink instanceof PartitionedSink;
    }

    static boolean isDynamic(Sink<?> sink) {
        return sink instanceof DynamicSink;
    }
}
