package dev.rivulet.notebook;

import dev.rivulet.CaptureListener;
import dev.rivulet.RunProgress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * One live-updating display for one run: a status line with the run's progress (see
 * {@link LiveStatus}), a progress bar when the inputs' sizes are known, per-step counts on
 * request, and per capture step its first and last rows plus the total — or, while a final
 * {@code reduce} feeding it has emitted nothing yet, its keys' values "so far", marked as not
 * final. Workers feed it as a {@link CaptureListener} (cheap: it keeps only the edge rows); the
 * progress comes from a {@link RunProgress}; one updater thread publishes at most one update per
 * {@code minInterval} (200 ms: five a second) while anything changed; {@link #finish} stops that
 * thread and publishes the final state.
 *
 * <pre>{@code
 * LiveTable live = new LiveTable(spec, progress::snapshot, host::display, host::updateDisplay);
 * live.start();
 * try { result = Rivulet.run(flow, 2, options.onCapture(live).progress(progress)); live.finish(State.DONE, null); }
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
     * What the display shows.
     *
     * @param displayId the display id (one per run)
     * @param flowName the flow's name
     * @param captureSteps the flow's capture steps, in flow order
     * @param workers worker threads in all
     * @param processes worker JVMs the run starts (0 when it runs in the kernel)
     * @param recoveryDir the recovery directory, or {@code null} without recovery
     * @param stateOf for a capture step fed directly by a final {@code reduce}: that step's id
     *     (whose state {@link RunProgress#watchState} watches)
     * @param showSteps whether to show per-step counts
     */
    public record Spec(String displayId, String flowName, List<String> captureSteps, int workers, int processes,
            String recoveryDir, Map<String, String> stateOf, boolean showSteps) {

        /** A run in the kernel, without per-step counts or "so far" views. */
        public Spec(String displayId, String flowName, List<String> captureSteps, int workers, String recoveryDir) {
            this(displayId, flowName, captureSteps, workers, 0, recoveryDir, Map.of(), false);
        }
    }

    /** Default least time between two published updates: five a second. */
    public static final long MIN_INTERVAL_MILLIS = 200;
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final RunProgress.Snapshot NO_PROGRESS = new RunProgress.Snapshot(RunProgress.Phase.WAITING, 0, 0,
            0, List.of(), Map.of());

    private final Spec spec;
    private final Supplier<RunProgress.Snapshot> progress;
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
    private volatile State state = State.RUNNING;
    private volatile String message;
    private Thread updater;
    private String lastText;
    private final List<LiveChart> charts = new ArrayList<>();

    /** A live table publishing through the given functions, with the default five updates a second. */
    public LiveTable(Spec spec, Supplier<RunProgress.Snapshot> progress, Consumer<RichOutput> publishNew,
            Consumer<RichOutput> publishUpdate) {
        this(spec, progress, publishNew, publishUpdate, System::nanoTime, MIN_INTERVAL_MILLIS);
    }

    /** A live table with its own clock and least interval between updates (for tests). */
    public LiveTable(Spec spec, Supplier<RunProgress.Snapshot> progress, Consumer<RichOutput> publishNew,
            Consumer<RichOutput> publishUpdate, LongSupplier nanoClock, long minIntervalMillis) {
        this.spec = spec;
        this.progress = progress == null ? () -> NO_PROGRESS : progress;
        this.publishNew = publishNew;
        this.publishUpdate = publishUpdate;
        this.clock = nanoClock;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
        for (String step : spec.captureSteps()) {
            rows.put(step, new Rows());
        }
    }

    /** Also draws {@code chart} from its capture step's rows, as a display under the table. Call before {@link #start}. */
    void addChart(LiveChart chart) {
        charts.add(chart);
    }

    /** Publishes the first display (and one per live chart) and starts the updater thread. */
    public void start() {
        startNanos = clock.getAsLong();
        RichOutput first = render();
        lastText = first.text();
        publishNew.accept(first);
        for (LiveChart chart : charts) {
            publishNew.accept(chart.render(startNanos));
        }
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
        for (LiveChart chart : charts) {
            if (chart.step().equals(stepId)) {
                chart.add(captured);
            }
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
        publish(render());
        for (LiveChart chart : charts) {
            publishChart(chart.render(endNanos));
        }
    }

    private void publishChart(RichOutput out) {
        try {
            publishUpdate.accept(out);
        } catch (RuntimeException e) {
            // as for the table: the run goes on without its front end
        }
    }

    /** How many updates were published after the first display (for tests and diagnostics). */
    public long updateCount() {
        return updates.get();
    }

    /** Total captured items so far. */
    public long itemCount() {
        return items.get();
    }

    /**
     * Publishes at most every {@code minInterval}: while items arrive, and while the progress
     * moves (a new rendering differs from the last one published); at least once a second.
     */
    private void updateLoop() {
        long lastPublish = clock.getAsLong();
        lock.lock();
        try {
            while (!stopped) {
                long now = clock.getAsLong();
                long sinceLast = now - lastPublish;
                if (sinceLast >= minIntervalNanos) {
                    boolean force = dirty || sinceLast >= HEARTBEAT_NANOS;
                    dirty = false;
                    lock.unlock();
                    try {
                        RichOutput out = render();
                        if (force || !out.text().equals(lastText)) {
                            publish(out);
                            lastPublish = clock.getAsLong();
                        }
                        for (LiveChart chart : charts) {
                            if (chart.due(now)) {
                                publishChart(chart.render(now));
                            }
                        }
                    } finally {
                        lock.lock();
                    }
                    if (clock.getAsLong() - lastPublish < minIntervalNanos) {
                        continue;
                    }
                }
                long wait = minIntervalNanos - (clock.getAsLong() - lastPublish);
                changed.awaitNanos(Math.max(wait, 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void publish(RichOutput out) {
        lastText = out.text();
        updates.incrementAndGet();
        try {
            publishUpdate.accept(out);
        } catch (RuntimeException e) {
            // a front end that went away must not fail the run; the final Table is still returned
        }
    }

    /** The current display: status line, progress, and a section per capture step. */
    public RichOutput render() {
        RunProgress.Snapshot p = progress.get();
        LiveStatus.Moment moment = moment(p);
        String status = LiveStatus.line(moment);
        double bar = LiveStatus.barFraction(moment);
        StringBuilder text = new StringBuilder(status).append('\n');
        StringBuilder html = new StringBuilder("<div class=\"rivulet-live\"><div style=\"font-family:monospace\">")
                .append(TableView.escape(status)).append("</div>");
        if (!Double.isNaN(bar)) {
            text.append(LiveStatus.textBar(bar)).append('\n');
            html.append(LiveStatus.htmlBar(bar));
        }
        if (message != null) {
            // the summary only: the cell's error output carries the full report
            String summary = message.lines().findFirst().orElse("");
            html.append("<pre style=\"color:#b00\">").append(TableView.escape(summary)).append("</pre>");
            text.append(summary).append('\n');
        }
        if (spec.showSteps() && !p.steps().isEmpty()) {
            text.append('\n').append(LiveStatus.stepsText(p));
            html.append(LiveStatus.stepsHtml(p));
        }
        for (Map.Entry<String, Rows> entry : rows.entrySet()) {
            section(entry.getKey(), entry.getValue().snapshot(), p, text, html);
        }
        html.append("</div>");
        return new RichOutput(spec.displayId(), text.toString(), html.toString());
    }

    private LiveStatus.Moment moment(RunProgress.Snapshot p) {
        long end = endNanos >= 0 ? endNanos : clock.getAsLong();
        double seconds = Math.max(0, end - startNanos) / 1e9;
        return new LiveStatus.Moment(spec.flowName(), state, p, seconds, spec.workers(), spec.processes(),
                epoch.get(), spec.recoveryDir());
    }

    /** One capture step: its edge rows, or the "so far" state of the reduce feeding it, or nothing yet. */
    private void section(String step, Snapshot s, RunProgress.Snapshot p, StringBuilder text, StringBuilder html) {
        String count = Formats.count(s.count()) + (s.count() == 1 ? " row" : " rows");
        if (s.count() > 0) {
            html.append("<p style=\"margin:6px 0 2px 0\"><b>").append(TableView.escape(step)).append("</b> · ")
                    .append(count).append("</p>");
            text.append('\n').append(step).append(" · ").append(count).append('\n');
            List<Object> edge = new ArrayList<>(s.head());
            edge.addAll(s.tail());
            Table small = TableConverter.toTable(step, edge);
            long hidden = s.count() - edge.size();
            html.append(TableView.html(small, s.head().size(), hidden));
            text.append(TableView.text(small, s.head().size(), hidden));
            return;
        }
        String reduce = spec.stateOf().get(step);
        RunProgress.StateSoFar soFar = reduce == null || state != State.RUNNING ? null
                : p.state(reduce).orElse(null);
        if (soFar != null && soFar.keys() > 0) {
            String caption = reduce + " so far (not final): " + Formats.count(soFar.keys())
                    + (soFar.keys() == 1 ? " key" : " keys") + (soFar.rows().isEmpty() ? "" : ", largest values");
            html.append("<p style=\"margin:6px 0 2px 0;color:#666\"><b>").append(TableView.escape(step))
                    .append("</b> · <i>").append(TableView.escape(caption)).append("</i></p>");
            text.append('\n').append(step).append(" · ").append(caption).append('\n');
            if (!soFar.rows().isEmpty()) {
                try {
                    Table rowsSoFar = TableConverter.toTable(step, new ArrayList<>(soFar.rows()));
                    html.append("<div style=\"color:#666\">")
                            .append(TableView.html(rowsSoFar, rowsSoFar.rowCount(), 0)).append("</div>");
                    text.append(TableView.text(rowsSoFar, rowsSoFar.rowCount(), 0));
                } catch (RuntimeException e) {
                    // a value that cannot be shown leaves just the count
                }
            }
            return;
        }
        html.append("<p style=\"margin:6px 0 2px 0\"><b>").append(TableView.escape(step))
                .append("</b> · <i>no items yet</i></p>");
        text.append('\n').append(step).append(" · no items yet\n");
    }

    /** The status line: state, progress, elapsed time, workers, recovery directory. */
    public String statusLine() {
        return LiveStatus.line(moment(progress.get()));
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
