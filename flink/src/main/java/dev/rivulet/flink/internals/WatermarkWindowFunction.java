package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.flow.Operation;
import dev.rivulet.window.WindowResult;
import dev.rivulet.window.Windower;
import dev.rivulet.window.internals.Aggregator;
import dev.rivulet.window.internals.OpenWindow;
import dev.rivulet.window.internals.WindowKeyLogic;
import dev.rivulet.window.internals.WindowSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A window step with the data-driven clock ({@code WindowClock.watermark}). Items arrive
 * {@link Stamped} with their event time and their partition's watermark just before them (so
 * lateness is judged as in the native engine: against {@code max(mark, step watermark)});
 * Flink's watermark — the minimum over the stampers feeding the step — is the step watermark,
 * and a key's event-time timer at its earliest window end closes its windows. A key's open
 * windows ({@link WindowSet}, the native engine's) are its keyed state.
 */
public final class WatermarkWindowFunction extends KeyedFunction {
    private static final long serialVersionUID = 1L;

    private final Operation.Window window;
    private final OutputTag<Object> late;
    private transient Aggregator aggregator;
    private transient List<OpenWindow> closed;

    public WatermarkWindowFunction(String stepId, Operation.Window window, OutputTag<Object> late) {
        super(stepId, window.operator());
        this.window = window;
        this.late = late;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) throws Exception {
        super.open(openContext);
        aggregator = WindowAggregators.of(window);
        closed = new ArrayList<>();
    }

    @Override
    public void processElement(Object element, Context ctx, Collector<Object> out) throws Exception {
        counters.in.add(1);
        Stamped stamped = (Stamped) element;
        KV<?, ?> item = (KV<?, ?>) stamped.item();
        long threshold = Math.max(stamped.mark(), ctx.timerService().currentWatermark());
        boolean isLate;
        WindowSet windows = (WindowSet) state.value();
        try {
            if (window.windower() instanceof Windower.Session && stamped.time() < threshold) {
                isLate = true;
            } else {
                if (windows == null) {
                    windows = WindowKeyLogic.newWindows(window.windower());
                }
                isLate = windows.insert(stamped.time(), item.value(), threshold, aggregator);
            }
        } catch (Throwable t) {
            throw failure(item, t);
        }
        if (windows != null) {
            keep(windows, ctx);
        }
        if (isLate) {
            counters.late.add(1);
            ctx.output(late, item);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Object> out) throws Exception {
        WindowSet windows = (WindowSet) state.value();
        if (windows == null) {
            return;
        }
        long watermark = Math.max(timestamp, ctx.timerService().currentWatermark());
        windows.drainClosed(watermark, closed);
        try {
            for (OpenWindow w : closed) {
                emit(ctx, out, new WindowResult<>(Instant.ofEpochMilli(w.start()), Instant.ofEpochMilli(w.end()),
                        aggregator.result(w.acc()), w.id()));
            }
        } catch (Throwable t) {
            throw failure("<closing a window of key " + ctx.getCurrentKey() + ">", t);
        } finally {
            closed.clear();
        }
        keep(windows, ctx);
    }

    private void keep(WindowSet windows, Context ctx) throws Exception {
        if (windows.disposable()) {
            state.clear();
            return;
        }
        state.update(windows);
        if (!windows.isEmpty()) {
            ctx.timerService().registerEventTimeTimer(windows.nextClose());
        }
    }
}
