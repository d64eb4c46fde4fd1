package dev.rivulet.flink.internals;

import dev.rivulet.fn.FilterFn;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** {@code branch}: accepted items on the main output (port 0), the others on a side output (port 1). */
public final class BranchFunction extends ProcessFunction<Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final FilterFn<Object> predicate;
    private final OutputTag<Object> rejected;
    private transient StepCounters counters;

    @SuppressWarnings("unchecked")
    public BranchFunction(String stepId, FilterFn<?> predicate, OutputTag<Object> rejected) {
        this.stepId = stepId;
        this.predicate = (FilterFn<Object>) predicate;
        this.rejected = rejected;
    }

    @Override
    public void open(OpenContext openContext) {
        NotebookVariables.restore();
        counters = StepCounters.of(getRuntimeContext(), stepId);
    }

    @Override
    public void processElement(Object item, Context ctx, Collector<Object> out) {
        counters.in.add(1);
        counters.out.add(1);
        boolean accepted;
        try {
            accepted = predicate.test(item);
        } catch (Throwable t) {
            throw StepFailedException.onItem(stepId, "branch", getRuntimeContext().getTaskInfo()
                    .getIndexOfThisSubtask(), getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(), item, t);
        }
        if (accepted) {
            out.collect(item);
        } else {
            ctx.output(rejected, item);
        }
    }
}
