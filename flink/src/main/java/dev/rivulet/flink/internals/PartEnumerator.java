package dev.rivulet.flink.internals;

import dev.rivulet.StableHash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Deals a source's partitions out as Rivulet does: partition {@code p} to subtask
 * {@code StableHash.workerFor(p, parallelism)}, each reader told "no more splits" once it has its
 * own. Splits handed back by a failed reader go to its next attempt. Its checkpoint is the list
 * of splits not yet assigned.
 */
public final class PartEnumerator implements SplitEnumerator<PartSplit, ArrayList<PartSplit>> {
    private final SplitEnumeratorContext<PartSplit> context;
    private final ArrayList<PartSplit> pending;

    public PartEnumerator(SplitEnumeratorContext<PartSplit> context, List<PartSplit> pending) {
        this.context = context;
        this.pending = new ArrayList<>(pending);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
    }

    @Override
    public void addSplitsBack(List<PartSplit> splits, int subtaskId) {
        pending.addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            addReader(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        int parallelism = context.currentParallelism();
        for (Iterator<PartSplit> it = pending.iterator(); it.hasNext(); ) {
            PartSplit split = it.next();
            int owner = split.dynamic() ? split.worker() : StableHash.workerFor(split.part(), parallelism);
            if (owner == subtaskId) {
                context.assignSplit(split, subtaskId);
                it.remove();
            }
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public ArrayList<PartSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(pending);
    }

    @Override
    public void close() {
    }
}
