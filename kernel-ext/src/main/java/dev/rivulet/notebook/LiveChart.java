package dev.rivulet.notebook;

import dev.rivulet.chart.Chart;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * A chart drawn from the rows a capture step has produced so far, under a run's live table (see
 * {@link dev.rivulet.chart.Charts#live}): its own display, redrawn by the live table's updater at
 * most every {@link #MIN_REDRAW_NANOS} while rows arrive, and once more at the end. Keeps the last
 * {@link #MAX_ROWS} rows, so a long run's chart stays a picture of its recent past.
 */
final class LiveChart {
    /** The most rows a live chart draws (the latest ones). */
    static final int MAX_ROWS = 5_000;
    /** Least time between two drawings: twice a second. */
    static final long MIN_REDRAW_NANOS = 500_000_000L;

    private final String displayId;
    private final String step;
    private final Function<Table, Chart> chart;
    private final ArrayDeque<Object> rows = new ArrayDeque<>();
    private boolean changed;
    private long drawnAt = Long.MIN_VALUE;

    LiveChart(String displayId, String step, Function<Table, Chart> chart) {
        this.displayId = displayId;
        this.step = step;
        this.chart = chart;
    }

    String step() {
        return step;
    }

    synchronized void add(List<?> captured) {
        for (Object item : captured) {
            if (rows.size() == MAX_ROWS) {
                rows.removeFirst();
            }
            rows.addLast(item);
        }
        changed = changed || !captured.isEmpty();
    }

    /** Whether a new drawing is due at {@code now} (rows came since the last one, long enough ago). */
    synchronized boolean due(long now) {
        return changed && now - drawnAt >= MIN_REDRAW_NANOS;
    }

    /** The chart of the rows so far (a text line until there are rows, or if drawing fails). */
    RichOutput render(long now) {
        List<Object> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(rows);
            changed = false;
            drawnAt = now;
        }
        if (snapshot.isEmpty()) {
            return new RichOutput(displayId, "chart of " + step + ": no rows yet", "<p style=\"color:#666\"><i>chart of "
                    + TableView.escape(step) + ": no rows yet</i></p>");
        }
        try {
            Chart drawn = chart.apply(TableConverter.toTable(step, snapshot));
            return new RichOutput(displayId, drawn.toString(), null).with(RichOutput.SVG, drawn.svg());
        } catch (RuntimeException e) {
            // a chart that cannot be drawn from these rows says why, once per drawing, and the run goes on
            return new RichOutput(displayId, "chart of " + step + ": " + e.getMessage(), "<p style=\"color:#666\">"
                    + "<i>chart of " + TableView.escape(step) + ": " + TableView.escape(String.valueOf(e.getMessage()))
                    + "</i></p>");
        }
    }

    String displayId() {
        return displayId;
    }
}
