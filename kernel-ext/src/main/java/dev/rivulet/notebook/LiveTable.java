package dev.rivulet.notebook;

import dev.rivulet.CaptureListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import tech.tablesaw.api.Table;

/**
 * One live-updating display for one run: a status line (state, items, epoch, items/s, elapsed,
 * workers, recovery directory) and, per capture step, its first and last rows plus the total.
 * Workers feed it as a {@link CaptureListener} (cheap: it keeps only the edge rows); one updater
 * thread publishes at most one update per {@code minInterval} (200 ms: five a second) and at
 * least one a second while running; {@link #finish} stops that thread and publishes the final
 * state.
 *
 * <pre>{@code
 * LiveTable live = new LiveTable(spec, host::display, host::updateDisplay);
 * live.start();
 * try { result = Rivulet.run(flow, 2, options.onCapture(live)); live.finish(State.DONE, null); }
 * catch (RuntimeException e) { live.finish(State.FAILED, e.getMessage()); throw e; }
 * }</pre>
 */
public final class LiveTable implements CaptureListener {

    /** The state shown at the start of the status line. */
    public enum State {
        RUNNING("running"), DONE("done"), FAILED("failed"), CANCELLED("cancelled");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** The word shown in the status line. */
        public String label() {
            return label;
        }
    }

    /**
     * What the status line names.
     *
     * @param displayId the display id (one per run)
     * @param flowName the flow's name
     * @param captureSteps the flow's capture steps, in flow order
     * @param workers worker threads
     * @param recoveryDir the recovery directory, or {@code null} without recovery
     */
    public record Spec(String displayId, String flowName, List<String> captureSteps, int workers,
            String recoveryDir) {
    }

    /** Default least time between two published updates: five a second. */
    public static final long MIN_INTERVAL_MILLIS = 200;
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Spec spec;
    private final Consumer<RichOutput> publishNew;
    private final Consumer<RichOutput> publishUpdate;
    private final LongSupplier clock;
    private final long minIntervalNanos;
    private final Map<String, Rows> rows = new LinkedHashMap<>();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong epoch = new AtomicLong(-1);
    private final AtomicLong updates = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean dirty;
    private boolean stopped;
    private long startNanos;
    private long endNanos = -1;
    private State state = State.RUNNING;
    private String message;
    private Thread updater;

    /** A live table publishing through the given functions, with the default five updates a second. */
    public LiveTable(Spec spec, Consumer<RichOutput> publishNew, Consumer<RichOutput> publishUpdate) {
        this(spec, publishNew, publishUpdate, System::nanoTime, MIN_INTERVAL_MILLIS);
    }

    /** A live table with its own clock and least interval between updates (for tests). */
    public LiveTable(Spec spec, Consumer<RichOutput> publishNew, Consumer<RichOutput> publishUpdate,
            LongSupplier nanoClock, long minIntervalMillis) {
        this.spec = spec;
        this.publishNew = publishNew;
        this.publishUpdate = publishUpdate;
        this.clock = nanoClock;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
        for (String step : spec.captureSteps()) {
            rows.put(step, new Rows());
        }
    }

    /** Publishes the first display and starts the updater thread. */
    public void start() {
        startNanos = clock.getAsLong();
        publishNew.accept(render());
        updater = new Thread(this::updateLoop, "rivulet-live-table-" + spec.displayId());
        updater.setDaemon(true);
        updater.start();
    }

    @Override
    public void onCaptured(String stepId, int workerIndex, long itemEpoch, List<?> captured) {
        Rows r = rows.get(stepId);
        if (r != null) {
            r.add(captured);
        }
        items.addAndGet(captured.size());
        epoch.accumulateAndGet(itemEpoch, Math::max);
        lock.lock();
        try {
            dirty = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the updater thread, then publishes the final state ({@code message}: why it failed
     * or was cancelled, or {@code null}; its first line is shown). Safe to call once the run is over, from the run's thread.
     */
    public void finish(State finalState, String finalMessage) {
        lock.lock();
        try {
            stopped = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
        if (updater != null) {
            boolean interrupted = false;
            while (updater.isAlive()) {
                try {
                    updater.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the cell was interrupted: still finish the display
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        state = finalState;
        message = finalMessage;
        endNanos = clock.getAsLong();
        publish();
    }

    /** How many updates were published after the first display (for tests and diagnostics). */
    public long updateCount() {
        return updates.get();
    }

    /** Total captured items so far. */
    public long itemCount() {
        return items.get();
    }

    private void updateLoop() {
        long lastPublish = clock.getAsLong();
        lock.lock();
        try {
            while (!stopped) {
                long now = clock.getAsLong();
                long sinceLast = now - lastPublish;
                boolean due = dirty ? sinceLast >= minIntervalNanos : sinceLast >= HEARTBEAT_NANOS;
                if (due) {
                    dirty = false;
                    lock.unlock();
                    try {
                        publish();
                    } finally {
                        lock.lock();
                    }
                    lastPublish = clock.getAsLong();
                    continue;
                }
                long wait = (dirty ? minIntervalNanos : HEARTBEAT_NANOS) - sinceLast;
                changed.awaitNanos(Math.max(wait, 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void publish() {
        RichOutput out = render();
        updates.incrementAndGet();
        try {
            publishUpdate.accept(out);
        } catch (RuntimeException e) {
            // a front end that went away must not fail the run; the final Table is still returned
        }
    }

    /** The current display: status line and the edge rows of each capture step. */
    public RichOutput render() {
        String status = statusLine();
        StringBuilder text = new StringBuilder(status).append('\n');
        StringBuilder html = new StringBuilder("<div class=\"rivulet-live\"><p style=\"font-family:monospace\">")
                .append(TableView.escape(status)).append("</p>");
        if (message != null) {
            // the summary only: the cell's error output carries the full report
            String summary = message.lines().findFirst().orElse("");
            html.append("<pre style=\"color:#b00\">").append(TableView.escape(summary)).append("</pre>");
            text.append(summary).append('\n');
        }
        boolean several = rows.size() > 1;
        for (Map.Entry<String, Rows> entry : rows.entrySet()) {
            Rows r = entry.getValue();
            Snapshot s = r.snapshot();
            if (several) {
                String count = s.count() + (s.count() == 1 ? " item" : " items");
                html.append("<p><b>").append(TableView.escape(entry.getKey())).append("</b> (")
                        .append(count).append(")</p>");
                text.append('\n').append(entry.getKey()).append(" (").append(count).append(")\n");
            }
            if (s.count() == 0) {
                html.append("<p><i>no items yet</i></p>");
                text.append("(no items yet)\n");
                continue;
            }
            List<Object> edge = new ArrayList<>(s.head());
            edge.addAll(s.tail());
            Table small = TableConverter.toTable(entry.getKey(), edge);
            long hidden = s.count() - edge.size();
            html.append(TableView.html(small, s.head().size(), hidden));
            text.append(TableView.text(small, s.head().size(), hidden));
        }
        html.append("</div>");
        return new RichOutput(spec.displayId(), text.toString(), html.toString());
    }

    /** "wordcount: running · 1,204 items · epoch 3 · 5,120 items/s · 0.2 s · 2 workers · recovery DIR". */
    public String statusLine() {
        long end = endNanos >= 0 ? endNanos : clock.getAsLong();
        double seconds = Math.max(0, end - startNanos) / 1e9;
        long n = items.get();
        StringBuilder line = new StringBuilder();
        line.append(spec.flowName()).append(": ").append(state.label())
                .append(String.format(Locale.ROOT, " · %,d items", n));
        if (epoch.get() >= 0) {
            line.append(" · epoch ").append(epoch.get());
        }
        line.append(String.format(Locale.ROOT, " · %,.0f items/s · %.1f s · %d worker%s",
                seconds > 0 ? n / seconds : 0.0, seconds, spec.workers(), spec.workers() == 1 ? "" : "s"));
        if (spec.recoveryDir() != null) {
            line.append(" · recovery ").append(spec.recoveryDir());
        }
        return line.toString();
    }

    private record Snapshot(long count, List<Object> head, List<Object> tail) {
    }

    /** The first and the last {@link TableView#EDGE_ROWS} items of one capture step, and the count. */
    private static final class Rows {
        private final List<Object> head = new ArrayList<>();
        private final ArrayDeque<Object> tail = new ArrayDeque<>();
        private long count;

        synchronized void add(List<?> captured) {
            for (Object item : captured) {
                count++;
                if (head.size() < TableView.EDGE_ROWS) {
                    head.add(item);
                } else {
                    if (tail.size() == TableView.EDGE_ROWS) {
                        tail.removeFirst();
                    }
                    tail.addLast(item);
                }
            }
        }

        synchronized Snapshot snapshot() {
            return new Snapshot(count, new ArrayList<>(head), new ArrayList<>(tail));
        }
    }
}
