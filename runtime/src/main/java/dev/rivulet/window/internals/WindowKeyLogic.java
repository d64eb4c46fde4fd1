package dev.rivulet.window.internals;

import dev.rivulet.engine.KeyedLogic;
import dev.rivulet.engine.KeyedOutput;
import dev.rivulet.fn.TimestampFn;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.WindowResult;
import dev.rivulet.window.Windower;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The window logic of one key: its clock, its open windows, and the per-item algorithm of the
 * reference (watermark, insert or late, then emit closed windows). Its {@link State} is the
 * key's recovery snapshot; when no window is open the key is dropped, clock included.
 */
public final class WindowKeyLogic implements KeyedLogic {

    /** Port of the late-items stream. */
    public static final int LATE_PORT = 1;

    /** A key's snapshot: clock and open windows with their accumulators. */
    public record State(ClockState clock, WindowSet windows) implements Serializable {
    }

    private final TimestampFn<Object> timestamp;
    private final Aggregator aggregator;
    private final State state;
    private final List<OpenWindow> closed = new ArrayList<>();

    private WindowKeyLogic(TimestampFn<Object> timestamp, Aggregator aggregator, State state) {
        this.timestamp = timestamp;
        this.aggregator = aggregator;
        this.state = state;
    }

    /** A logic for a key seen for the first time, or restored from its snapshot. */
    @SuppressWarnings("unchecked")
    public static WindowKeyLogic create(WindowClock<?> clock, Windower windower, Aggregator aggregator,
            Object snapshot) {
        TimestampFn<Object> timestamp = clock instanceof WindowClock.EventTime<?> event
                ? (TimestampFn<Object>) event.timestamp() : null;
        State state = snapshot != null ? (State) snapshot : new State(newClock(clock), newWindows(windower));
        return new WindowKeyLogic(timestamp, aggregator, state);
    }

    private static ClockState newClock(WindowClock<?> clock) {
        if (clock instanceof WindowClock.EventTime<?> event) {
            return new ClockState.EventTime(event.waitForSystemDuration().toMillis());
        }
        return new ClockState.SystemTime();
    }

    /** Empty windows of {@code windower}, for a key seen for the first time. */
    public static WindowSet newWindows(Windower windower) {
        if (windower instanceof Windower.Sliding sliding) {
            return new SlidingWindows(sliding.length().toMillis(), sliding.offset().toMillis(),
                    sliding.alignTo().toEpochMilli());
        }
        return new SessionWindows(((Windower.Session) windower).gap().toMillis());
    }

    @Override
    public void onValue(Object value, KeyedOutput out) throws Exception {
        long now = System.currentTimeMillis();
        long time = timestamp == null ? now : timeOf(value);
        long watermark = state.clock().onItem(time, now);
        if (state.windows().insert(time, value, watermark, aggregator)) {
            out.countLate(1);
            out.emit(LATE_PORT, value);
        }
        emitClosed(watermark, out);
    }

    private long timeOf(Object value) throws Exception {
        Instant instant = timestamp.timestamp(value);
        if (instant == null) {
            throw new IllegalStateException("the timestamp function of the event-time clock returned null;"
                    + " every value needs a time");
        }
        return instant.toEpochMilli();
    }

    @Override
    public long nextWakeMillis() {
        long close = state.windows().nextClose();
        return close == Long.MAX_VALUE ? Long.MAX_VALUE : state.clock().wakeAt(close);
    }

    @Override
    public void onWake(long nowMillis, KeyedOutput out) throws Exception {
        emitClosed(state.clock().watermark(nowMillis), out);
    }

    @Override
    public void onEof(KeyedOutput out) throws Exception {
        state.clock().eof();
        emitClosed(Long.MAX_VALUE, out);
    }

    private void emitClosed(long watermark, KeyedOutput out) throws Exception {
        state.windows().drainClosed(watermark, closed);
        for (OpenWindow window : closed) {
            out.accept(new WindowResult<>(Instant.ofEpochMilli(window.start), Instant.ofEpochMilli(window.end),
                    aggregator.result(window.acc), window.id));
        }
        closed.clear();
    }

    @Override
    public boolean isDiscarded() {
        return state.windows().disposable();
    }

    @Override
    public Object snapshot() {
        return state;
    }
}
