package dev.rivulet.flink.internals;

import dev.rivulet.flow.Operation;
import dev.rivulet.fn.InspectEpochFn;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.util.Collector;

/**
 * The steps that see epochs: {@code inspectEpoch} and {@code capture}. On Flink an epoch is the
 * span between two checkpoints: items before the first checkpoint barrier are in epoch 0, items
 * after the barrier of checkpoint {@code n} in epoch {@code n} (a restored task continues from
 * the restored checkpoint's id). A capture emits {@link Captured} records for the client.
 */
public final class EpochFunction extends RichFlatMapFunction<Object, Object> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final Operation operation;
    private transient long epoch;
    private transient StepCounters counters;
    private transient int subtask;
    private transient int parallelism;

    public EpochFunction(String stepId, Operation operation) {
        this.stepId = stepId;
        this.operation = operation;
    }

    @Override
    public void open(OpenContext openContext) {
        NotebookVariables.restore();
        counters = StepCounters.of(getRuntimeContext(), stepId);
        subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void flatMap(Object item, Collector<Object> out) {
        counters.in.add(1);
        counters.out.add(1);
        if (operation instanceof Operation.InspectEpoch o) {
            try {
                ((InspectEpochFn<Object>) o.inspector()).accept(epoch, item);
            } catch (Throwable t) {
                throw StepFailedException.onItem(stepId, operation.operator(), subtask, parallelism, item, t);
            }
            out.collect(item);
        } else {
            out.collect(new Captured(stepId, subtask, epoch, item));
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        epoch = context.getCheckpointId();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        epoch = context.getRestoredCheckpointId().orElse(0L);
    }
}
