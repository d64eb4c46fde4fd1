package dev.rivulet.flink.internals;

import dev.rivulet.io.DynamicSource;
import dev.rivulet.io.DynamicSourcePartition;
import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.SourcePartition;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

/**
 * Reads the partitions assigned to one subtask, one batch per {@link #pollNext} call, taking turns
 * between partitions as the native engine's input step does. The state of each split is its
 * partition's {@code snapshot()}: taken on the task thread between two batches, so it is the
 * position just after the last emitted item, consistent with the checkpoint barrier.
 * {@code nextBatch} never blocks: a partition with nothing now makes the reader wait about a
 * millisecond.
 */
public final class PartReader implements SourceReader<Object, PartSplit> {
    private final String stepId;
    private final Object source;
    private final int batchSize;
    private final SourceReaderContext context;
    private final List<Open> open = new ArrayList<>();
    private final List<Object> batch = new ArrayList<>();
    private boolean noMoreSplits;
    private int turn;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    /** One open partition. */
    private static final class Open {
        final PartSplit split;
        final SourcePartition<Object, Serializable> part;
        final DynamicSourcePartition<Object> dynamic;
        final long tag;

        Open(String stepId, PartSplit split, SourcePartition<Object, Serializable> part,
                DynamicSourcePartition<Object> dynamic) {
            this.tag = PartitionTags.of(stepId, split.part());
            this.split = split;
            this.part = part;
            this.dynamic = dynamic;
        }

        boolean nextBatch(List<Object> out, int max) throws Exception {
            return part != null ? part.nextBatch(out, max) : dynamic.nextBatch(out, max);
        }

        void close() throws Exception {
            if (part != null) {
                part.close();
            } else {
                dynamic.close();
            }
        }
    }

    public PartReader(String stepId, Object source, int batchSize, SourceReaderContext context) {
        this.stepId = stepId;
        this.source = source;
        this.batchSize = batchSize;
        this.context = context;
    }

    @Override
    public void start() {
        NotebookVariables.restore();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addSplits(List<PartSplit> splits) {
        for (PartSplit split : splits) {
            try {
                if (split.dynamic()) {
                    open.add(new Open(stepId, split, null, ((DynamicSource<Object>) source).build(split.worker(),
                            split.workers())));
                } else {
                    SourcePartition<Object, Serializable> part = ((PartitionedSource<Object, Serializable>) source)
                            .buildPart(split.part(), split.position());
                    if (part != null) {
                        open.add(new Open(stepId, split, part, null));
                    }
                }
            } catch (Throwable t) {
                throw fail("opening partition '" + split.part() + "'", t);
            }
        }
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Object> output) {
        if (open.isEmpty()) {
            if (noMoreSplits) {
                return InputStatus.END_OF_INPUT;
            }
            available = new CompletableFuture<>();
            return InputStatus.NOTHING_AVAILABLE;
        }
        turn = turn % open.size();
        Open current = open.get(turn);
        boolean more;
        try {
            more = current.nextBatch(batch, batchSize);
        } catch (Throwable t) {
            throw fail("reading partition '" + current.split.part() + "'", t);
        }
        for (Object item : batch) {
            output.collect(item, current.tag);
        }
        boolean emitted = !batch.isEmpty();
        batch.clear();
        if (!more) {
            open.remove(turn);
            try {
                current.close();
            } catch (Throwable t) {
                throw fail("closing partition '" + current.split.part() + "'", t);
            }
        } else {
            turn++;
        }
        if (emitted || !more) {
            return open.isEmpty() && noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
        }
        if (turn < open.size()) {
            return InputStatus.MORE_AVAILABLE; // give the other partitions their turn first
        }
        available = new CompletableFuture<>();
        CompletableFuture<Void> wake = available;
        CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS).execute(() -> wake.complete(null));
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<PartSplit> snapshotState(long checkpointId) {
        List<PartSplit> state = new ArrayList<>();
        for (Open o : open) {
            if (o.part == null) {
                state.add(o.split);
                continue;
            }
            try {
                state.add(new PartSplit(o.split.part(), o.part.snapshot(), 0, 0));
            } catch (Throwable t) {
                throw fail("snapshotting partition '" + o.split.part() + "'", t);
            }
        }
        return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void close() throws Exception {
        for (Open o : open) {
            o.close();
        }
        open.clear();
    }

    private RuntimeException fail(String doing, Throwable t) {
        return StepFailedException.onItem(stepId, "input", context.getIndexOfSubtask(), -1, null,
                new IllegalStateException(doing + " failed: " + t, t));
    }
}
