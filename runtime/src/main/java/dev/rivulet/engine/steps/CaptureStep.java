package dev.rivulet.engine.steps;

import dev.rivulet.engine.Batch;
import dev.rivulet.CaptureListener;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.OperatorContext;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.Step;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import java.util.Arrays;
import java.util.List;

/**
 * {@code capture}: hands every item to the run's capture listener (the caller's result, a live
 * notebook table, or the driver of a cluster) and passes it on unchanged.
 */
public final class CaptureStep extends Step {

    public CaptureStep(String stepId, StreamRef input) {
        super(stepId, List.of(input));
    }

    @Override
    public String operator() {
        return "capture";
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new Operator() {
            private CaptureListener listener;
            private OperatorContext context;

            @Override
            public void open(OperatorContext context) {
                this.context = context;
                this.listener = context.captureListener();
            }

            @Override
            public void onBatch(int input, Batch batch, Outputs out) {
                Object[] copy = new Object[batch.size];
                for (int i = 0; i < batch.size; i++) {
                    copy[i] = batch.item(i);
                }
                List<Object> items = Arrays.asList(copy);
                listener.onCaptured(stepId(), context.workerIndex(), batch.epoch, items);
                for (Object item : copy) {
                    out.emit(item);
                }
            }
        };
    }
}
