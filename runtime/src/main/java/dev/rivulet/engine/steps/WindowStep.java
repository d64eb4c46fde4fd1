package dev.rivulet.engine.steps;

import dev.rivulet.engine.KeyedLogic;
import dev.rivulet.engine.KeyedStep;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.Windower;
import dev.rivulet.window.internals.Aggregator;
import dev.rivulet.window.internals.WatermarkWindowOperator;
import dev.rivulet.window.internals.WindowKeyLogic;
import java.util.Objects;

/**
 * Base of the window operators: a keyed step whose per-key logic is a
 * {@link WindowKeyLogic} with this step's clock, windower and aggregator. Port 0 carries
 * {@code KV<key, WindowResult>}, port 1 the late items as {@code KV<key, value>}.
 */
public abstract class WindowStep extends KeyedStep {
    private static final long serialVersionUID = 1L;

    private final WindowClock<?> clock;
    private final Windower windower;

    protected WindowStep(String stepId, StreamRef input, WindowClock<?> clock, Windower windower) {
        super(stepId, input);
        this.clock = Objects.requireNonNull(clock, () -> "step '" + stepId + "': clock is null");
        this.windower = Objects.requireNonNull(windower, () -> "step '" + stepId + "': windower is null");
    }

    /** How this operator aggregates a window's values. */
    protected abstract Aggregator aggregator();

    protected final boolean windowsMayMerge() {
        return windower instanceof Windower.Session;
    }

    @Override
    public int outputPorts() {
        return 2;
    }

    @Override
    public WindowClock.Watermark<?> inputWatermark() {
        return clock instanceof WindowClock.Watermark<?> watermark ? watermark : null;
    }

    /** With the data-driven clock, one operator per worker keeps every key's windows and timers. */
    @Override
    public Operator createOperator(WorkerInfo worker) {
        if (clock instanceof WindowClock.Watermark<?>) {
            return new WatermarkWindowOperator(this, windower, aggregator());
        }
        return super.createOperator(worker);
    }

    @Override
    protected KeyedLogic createLogic(Object key, Object snapshot) {
        return WindowKeyLogic.create(clock, windower, aggregator(), snapshot);
    }
}
