package dev.rivulet.window.internals;

import dev.rivulet.KV;
import dev.rivulet.engine.Batch;
import dev.rivulet.engine.KeyedStep;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.OperatorContext;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.WindowResult;
import dev.rivulet.window.Windower;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A window step with the data-driven clock ({@link WindowClock.Watermark}) on one worker. Items
 * arrive with their event time and their partition's watermark (stamped by the sender, see the
 * engine's {@code WatermarkSender}); the step's watermark arrives through {@link #onWatermark}.
 *
 * <pre>
 *   item (time, mark) ──▶ keys.get(key) ──▶ WindowSet.insert(time, max(mark, watermark)) ── late ──▶ port 1
 *                                  └── window opened with an earlier end ──▶ timers.push(end, key)
 *   watermark ──▶ pop timers ≤ watermark ──▶ drain each key's closed windows ──▶ port 0
 * </pre>
 *
 * <p>One timer heap per worker, not one wake-up per key: a key is in the heap once for its
 * earliest open window end ({@code scheduledAt}); stale entries are skipped when popped. A key
 * whose windows have all closed is forgotten when the epoch closes, unless its windows remember
 * something (a session key keeps its last session id, see {@link WindowSet#disposable}) (not at once: a key's next
 * window often opens just after its last one closed, and keeping the entry until then spares
 * making it again). Each touched key's open windows are its recovery snapshot, as for the other
 * clocks.
 */
public final class WatermarkWindowOperator extends Operator {
    /** Port of the late-items stream. */
    public static final int LATE_PORT = WindowKeyLogic.LATE_PORT;

    private final KeyedStep step;
    private final Windower windower;
    private final Aggregator aggregator;
    private final boolean sessions;
    private final boolean tumbling;
    private final KeyTable<KeyWindows> keys = new KeyTable<>();
    private final TimerHeap<KeyWindows> timers = new TimerHeap<>();
    private final List<KeyWindows> touched = new ArrayList<>();
    private final List<OpenWindow> closed = new ArrayList<>();
    private OperatorContext context;
    private long watermark = Long.MIN_VALUE;
    /** Counts epoch closes, so a key is added to {@link #touched} once per epoch. */
    private long epochSerial;

    /** One key's open windows and its place in the timer heap. */
    private static final class KeyWindows extends KeyTable.Entry {
        final WindowSet windows;
        /** Whether the key left {@link #keys} (all its windows closed); its timers are then stale. */
        boolean gone;
        long scheduledAt = Long.MAX_VALUE;
        long touchedIn = -1;
        /**
         * Tumbling windows only: the open window the key's previous item joined, or null. An item
         * inside it that is not late for it joins it directly: no window search and no timer,
         * since the key's earliest close cannot change. Cleared whenever windows are drained.
         */
        OpenWindow current;

        KeyWindows(Object key, WindowSet windows) {
            super(key);
            this.windows = windows;
        }
    }

    public WatermarkWindowOperator(KeyedStep step, Windower windower, Aggregator aggregator) {
        this.step = step;
        this.windower = windower;
        this.aggregator = aggregator;
        this.sessions = windower instanceof Windower.Session;
        this.tumbling = windower instanceof Windower.Sliding sliding && sliding.isTumbling();
    }

    @Override
    public void open(OperatorContext context) {
        this.context = context;
        for (Map.Entry<Object, Object> entry : context.resumeState(KeyedStep.ownedKeys(context)).entrySet()) {
            if (entry.getValue() instanceof WindowSet windows && !windows.disposable()) {
                KeyWindows kw = new KeyWindows(entry.getKey(), windows);
                keys.add(kw);
                schedule(kw);
            }
        }
    }

    @Override
    public void onBatch(int input, Batch batch, Outputs out) {
        long[] times = batch.times;
        long[] marks = batch.marks;
        if (times == null) {
            throw new IllegalStateException("step '" + step.stepId() + "': a batch without event times");
        }
        Object[] items = batch.items;
        Object[] batchKeys = batch.keys;
        for (int i = 0; i < batch.size; i++) {
            Object key;
            Object value;
            if (batchKeys != null) {
                key = batchKeys[i];
                value = items[i];
            } else {
                KV<?, ?> kv = (KV<?, ?>) items[i];
                key = kv.key();
                value = kv.value();
            }
            long time = times[i];
            long threshold = Math.max(marks[i], watermark);
            KeyWindows kw = keys.get(key);
            boolean late;
            try {
                OpenWindow current = kw == null ? null : kw.current;
                if (current != null && current.start <= time && time < current.end && current.end > threshold) {
                    current.acc = aggregator.add(current.acc, value, time);
                    touch(kw);
                    continue;
                }
                if (sessions && time < threshold) {
                    late = true;
                } else {
                    if (kw == null) {
                        kw = new KeyWindows(key, WindowKeyLogic.newWindows(windower));
                        keys.add(kw);
                    }
                    late = kw.windows.insert(time, value, threshold, aggregator);
                    touch(kw);
                    if (tumbling && !late) {
                        kw.current = ((SlidingWindows) kw.windows).lastJoined();
                    }
                    if (kw.windows.disposable()) {
                        forget(kw); // the item fell in no window (a gap of sliding windows)
                    } else {
                        schedule(kw);
                    }
                }
            } catch (Throwable t) {
                throw StepFailure.onItem(step, new KV<>(key, value), t);
            }
            if (late) {
                context.stats().addLate(1);
                out.emit(LATE_PORT, batchKeys != null ? new KV<>(key, value) : items[i]);
            }
        }
    }

    private void forget(KeyWindows kw) {
        keys.remove(kw);
        kw.gone = true;
    }

    private void touch(KeyWindows kw) {
        if (kw.touchedIn != epochSerial) {
            kw.touchedIn = epochSerial;
            touched.add(kw);
        }
    }

    private void schedule(KeyWindows kw) {
        long next = kw.windows.nextClose();
        if (next < kw.scheduledAt) {
            kw.scheduledAt = next;
            timers.push(next, kw);
        }
    }

    @Override
    public void onWatermark(long newWatermark, Outputs out) throws Exception {
        watermark = Math.max(watermark, newWatermark);
        closeUpTo(watermark, out);
    }

    @Override
    public void onEof(Outputs out) throws Exception {
        watermark = Long.MAX_VALUE;
        closeUpTo(Long.MAX_VALUE, out);
    }

    private void closeUpTo(long upTo, Outputs out) throws Exception {
        while (!timers.isEmpty() && timers.peekTime() <= upTo) {
            long at = timers.peekTime();
            KeyWindows kw = timers.poll();
            if (kw.scheduledAt != at || kw.gone) {
                continue; // superseded by an earlier timer of the same key, or the key is gone
            }
            kw.scheduledAt = Long.MAX_VALUE;
            kw.current = null;
            kw.windows.drainClosed(upTo, closed);
            for (int c = 0; c < closed.size(); c++) {
                OpenWindow window = closed.get(c);
                Object result;
                try {
                    result = aggregator.result(window.acc);
                } catch (Throwable t) {
                    throw StepFailure.onItem(step.stepId(), step.operator(),
                            "<closing window [" + Instant.ofEpochMilli(window.start) + ", "
                                    + Instant.ofEpochMilli(window.end) + ") of key " + kw.key + ">", t);
                }
                out.emit(new KV<>(kw.key, new WindowResult<>(Instant.ofEpochMilli(window.start),
                        Instant.ofEpochMilli(window.end), result, window.id)));
                window.acc = aggregator.recycle(window.acc);
                kw.windows.recycle(window);
            }
            closed.clear();
            touch(kw); // an emptied key is forgotten when the epoch closes
            if (!kw.windows.isEmpty()) {
                schedule(kw);
            }
        }
    }

    @Override
    public void onEpochClose(long epoch, Outputs out) {
        for (KeyWindows kw : touched) {
            // A key that left and came back is touched twice: its current entry's snapshot wins.
            KeyWindows current = kw.gone ? keys.get(kw.key) : kw;
            if (current != null && current.windows.disposable()) {
                forget(current);
                current = null;
            }
            context.snapshot(kw.key, epoch, current == null ? null : current.windows);
        }
        touched.clear();
        epochSerial++;
    }
}
