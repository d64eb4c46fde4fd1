package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.engine.KeyedOutput;
import dev.rivulet.flow.Operation;
import dev.rivulet.window.internals.Aggregator;
import dev.rivulet.window.internals.WindowKeyLogic;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A window step with a wall-clock driven clock ({@code eventTime}, Bytewax's, or
 * {@code systemTime}): each key's {@link WindowKeyLogic} — the native engine's per-key window
 * algorithm — with its snapshot in Flink keyed state, woken by processing-time timers at the
 * logic's next wake-up and closed by the end-of-input timer.
 */
public final class ClockWindowFunction extends KeyedFunction {
    private static final long serialVersionUID = 1L;

    private final Operation.Window window;
    private final OutputTag<Object> late;
    private transient Aggregator aggregator;
    /** The processing time a wake-up timer is registered for, per key: one timer, not one per item. */
    private transient ValueState<Long> scheduled;

    public ClockWindowFunction(String stepId, Operation.Window window, OutputTag<Object> late) {
        super(stepId, window.operator());
        this.window = window;
        this.late = late;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) throws Exception {
        super.open(openContext);
        scheduled = getRuntimeContext().getState(new ValueStateDescriptor<>("rivulet-wake", Types.LONG));
    }

    private WindowKeyLogic logic(Object snapshot) {
        if (aggregator == null) {
            aggregator = WindowAggregators.of(window);
        }
        return WindowKeyLogic.create(window.clock(), window.windower(), aggregator, snapshot);
    }

    @Override
    public void processElement(Object item, Context ctx, Collector<Object> out) throws Exception {
        counters.in.add(1);
        Object snapshot = state.value();
        if (snapshot == null) {
            atEndOfInput(ctx);
        }
        WindowKeyLogic logic = logic(snapshot);
        try {
            logic.onValue(((KV<?, ?>) item).value(), output(ctx, out));
        } catch (Throwable t) {
            throw failure(item, t);
        }
        keep(logic, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Object> out) throws Exception {
        Object snapshot = state.value();
        if (snapshot == null) {
            return;
        }
        WindowKeyLogic logic = logic(snapshot);
        try {
            if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
                scheduled.clear();
            }
            if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
                logic.onEof(output(ctx, out));
            } else {
                logic.onWake(System.currentTimeMillis(), output(ctx, out));
            }
        } catch (Throwable t) {
            throw failure("<closing windows of key " + ctx.getCurrentKey() + ">", t);
        }
        keep(logic, ctx);
    }

    private void keep(WindowKeyLogic logic, Context ctx) throws Exception {
        if (logic.isDiscarded()) {
            state.clear();
            scheduled.clear();
            return;
        }
        state.update(logic.snapshot());
        long wake = logic.nextWakeMillis();
        Long at = scheduled.value();
        long now = ctx.timerService().currentProcessingTime();
        if (wake != Long.MAX_VALUE && (at == null || wake < at || at <= now)) {
            long time = Math.max(wake, 0);
            ctx.timerService().registerProcessingTimeTimer(time);
            scheduled.update(time);
        }
    }

    private KeyedOutput output(Context ctx, Collector<Object> out) {
        return new KeyedOutput() {
            @Override
            public void accept(Object value) {
                ClockWindowFunction.this.emit(ctx, out, value);
            }

            @Override
            public void emit(int port, Object value) {
                ctx.output(late, new KV<>(ctx.getCurrentKey().key(), value));
            }

            @Override
            public void countLate(long n) {
                counters.late.add(n);
            }
        };
    }
}
