package dev.rivulet.flink.internals;

import dev.rivulet.io.DynamicSource;
import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.Source;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Rivulet source as a Flink (FLIP-27) source: a {@link PartitionedSource}'s partitions are
 * splits whose state is the partition's resume position; a {@link DynamicSource} has one split
 * per subtask. Declared unbounded, so the job runs in streaming mode with checkpoints; a reader
 * whose partitions have all ended finishes, and with it the job when every reader has.
 */
public final class RivuletSource implements org.apache.flink.api.connector.source.Source<Object, PartSplit,
        ArrayList<PartSplit>> {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final Source<?> source;
    private final int batchSize;

    public RivuletSource(String stepId, Source<?> source, int batchSize) {
        this.stepId = stepId;
        this.source = source;
        this.batchSize = batchSize;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Object, PartSplit> createReader(SourceReaderContext readerContext) {
        return new PartReader(stepId, source, batchSize, readerContext);
    }

    @Override
    public SplitEnumerator<PartSplit, ArrayList<PartSplit>> createEnumerator(
            SplitEnumeratorContext<PartSplit> context) throws Exception {
        List<PartSplit> splits = new ArrayList<>();
        if (source instanceof PartitionedSource<?, ?> partitioned) {
            List<String> parts;
            try {
                parts = partitioned.listParts();
            } catch (Exception e) {
                throw StepFailedException.onItem(stepId, "input", -1, -1, null,
                        new IllegalStateException("listing the partitions failed: " + e, e));
            }
            for (String part : parts) {
                splits.add(new PartSplit(part, null, 0, 0));
            }
        } else {
            int n = context.currentParallelism();
            for (int i = 0; i < n; i++) {
                splits.add(new PartSplit("worker-" + i, null, i, n));
            }
        }
        return new PartEnumerator(context, splits);
    }

    @Override
    public SplitEnumerator<PartSplit, ArrayList<PartSplit>> restoreEnumerator(
            SplitEnumeratorContext<PartSplit> context, ArrayList<PartSplit> checkpoint) {
        return new PartEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<PartSplit> getSplitSerializer() {
        return new JavaSerializer<>();
    }

    @Override
    public SimpleVersionedSerializer<ArrayList<PartSplit>> getEnumeratorCheckpointSerializer() {
        return new JavaSerializer<>();
    }
}
