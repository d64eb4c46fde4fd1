package dev.rivulet.flink.internals;

import dev.rivulet.io.DynamicSink;
import dev.rivulet.io.DynamicSinkPartition;
import dev.rivulet.io.PartitionedSink;
import dev.rivulet.io.Sink;
import dev.rivulet.io.SinkPartition;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;

/**
 * One subtask's writer of a {@link RivuletSink}. Lifecycle (Flink's): built once per task attempt
 * (opening every owned partition at its restored position, as the native engine does at start);
 * {@link #write} per item, buffered per partition up to the batch size; {@link #flush} before
 * every checkpoint and at the end of input; {@link #snapshotState} at the checkpoint, after the
 * flush; {@link #close} once.
 */
final class PartWriter implements StatefulSinkWriter<Object, HashMap<String, Serializable>> {
    private final String stepId;
    private final PartitionedSink<Object, Serializable> partitioned;
    private final int batchSize;
    private final int subtask;
    private final int parallelism;
    private final Map<String, SinkPartition<Object, Serializable>> parts = new LinkedHashMap<>();
    private final Map<String, List<Object>> buffers = new HashMap<>();
    private DynamicSinkPartition<Object> dynamic;
    private final List<Object> dynamicBuffer = new ArrayList<>();

    @SuppressWarnings("unchecked")
    PartWriter(String stepId, Sink<?> sink, int batchSize, int subtask, int parallelism,
            Map<String, Serializable> positions) {
        this.stepId = stepId;
        this.batchSize = batchSize;
        this.subtask = subtask;
        this.parallelism = parallelism;
        try {
            if (sink instanceof PartitionedSink<?, ?> p) {
                this.partitioned = (PartitionedSink<Object, Serializable>) p;
                for (String part : partitioned.listParts()) {
                    if (RivuletSink.owner(part, parallelism) == subtask) {
                        parts.put(part, partitioned.buildPart(part, positions.get(part)));
                        buffers.put(part, new ArrayList<>());
                    }
                }
            } else {
                this.partitioned = null;
                this.dynamic = ((DynamicSink<Object>) sink).build(subtask, parallelism);
            }
        } catch (Throwable t) {
            throw fail(null, "opening the sink", t);
        }
    }

    @Override
    public void write(Object item, Context context) {
        if (partitioned == null) {
            dynamicBuffer.add(item);
            if (dynamicBuffer.size() >= batchSize) {
                flush(false);
            }
            return;
        }
        String part;
        try {
            part = partitioned.assignPart(item);
        } catch (Throwable t) {
            throw fail(item, "assigning a partition", t);
        }
        List<Object> buffer = buffers.get(part);
        if (buffer == null) {
            throw fail(item, "routing", new IllegalStateException("assignPart returned '" + part
                    + "', which is not one of this subtask's partitions " + parts.keySet()
                    + " (assignPart must be deterministic and return one of listParts())"));
        }
        buffer.add(item);
        if (buffer.size() >= batchSize) {
            writeOut(part, buffer);
        }
    }

    private void writeOut(String part, List<Object> buffer) {
        try {
            parts.get(part).write(buffer);
        } catch (Throwable t) {
            throw fail(buffer.get(0), "writing partition '" + part + "'", t);
        }
        buffer.clear();
    }

    @Override
    public void flush(boolean endOfInput) {
        if (partitioned == null) {
            if (!dynamicBuffer.isEmpty()) {
                try {
                    dynamic.write(dynamicBuffer);
                } catch (Throwable t) {
                    throw fail(dynamicBuffer.get(0), "writing", t);
                }
                dynamicBuffer.clear();
            }
            return;
        }
        for (Map.Entry<String, List<Object>> e : buffers.entrySet()) {
            if (!e.getValue().isEmpty()) {
                writeOut(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public List<HashMap<String, Serializable>> snapshotState(long checkpointId) {
        HashMap<String, Serializable> positions = new HashMap<>();
        for (Map.Entry<String, SinkPartition<Object, Serializable>> e : parts.entrySet()) {
            try {
                positions.put(e.getKey(), e.getValue().snapshot());
            } catch (Throwable t) {
                throw fail(null, "snapshotting partition '" + e.getKey() + "'", t);
            }
        }
        return List.of(positions);
    }

    @Override
    public void close() throws Exception {
        flush(true);
        for (SinkPartition<Object, Serializable> part : parts.values()) {
            part.close();
        }
        if (dynamic != null) {
            dynamic.close();
        }
    }

    private RuntimeException fail(Object item, String doing, Throwable t) {
        return StepFailedException.onItem(stepId, "output", subtask, parallelism, item,
                new IllegalStateException(doing + " failed: " + t, t));
    }
}
