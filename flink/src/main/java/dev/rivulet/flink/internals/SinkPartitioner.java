package dev.rivulet.flink.internals;

import dev.rivulet.io.PartitionedSink;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.java.functions.KeySelector;

/** Routes an item to the subtask owning its sink partition ({@code assignPart}, then the native owner rule). */
public final class SinkPartitioner implements Partitioner<String>, KeySelector<Object, String> {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final PartitionedSink<Object, ?> sink;

    @SuppressWarnings("unchecked")
    public SinkPartitioner(String stepId, PartitionedSink<?, ?> sink) {
        this.stepId = stepId;
        this.sink = (PartitionedSink<Object, ?>) sink;
    }

    @Override
    public int partition(String part, int numPartitions) {
        return RivuletSink.owner(part, numPartitions);
    }

    @Override
    public String getKey(Object item) {
        try {
            return sink.assignPart(item);
        } catch (Throwable t) {
            throw StepFailedException.onItem(stepId, "output", -1, -1, item, t);
        }
    }
}
