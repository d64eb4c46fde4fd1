package dev.rivulet.notebook;

import dev.rivulet.RunProgress;
import java.util.ArrayList;
import java.util.List;

/**
 * The progress part of a live table, from a {@link RunProgress.Snapshot}: the status line (like
 * tqdm's: state, percent, input items read, input items per second, time left, elapsed, workers),
 * a progress bar when the inputs' sizes are known, and on request a table of per-step counts.
 *
 * <pre>
 * wordcount: running · 35% · 41,200 items read · 31,700 items/s · 2 s left · 1.3 s · 2 workers
 * wordcount: starting 2 worker JVMs (1 ready) · 0.8 s · 4 workers
 * wordcount: done · 118,000 items read · 98,000 items/s · 1.2 s · 2 workers
 * </pre>
 */
final class LiveStatus {
    private static final int BAR_CELLS = 20;

    private LiveStatus() {
    }

    /** What the status line says about one moment of a run. */
    record Moment(String flowName, LiveTable.State state, RunProgress.Snapshot progress, double elapsedSeconds,
            int workers, int processes, long epoch, String recoveryDir) {
    }

    /** The status line of {@code m}. */
    static String line(Moment m) {
        RunProgress.Snapshot p = m.progress();
        List<String> parts = new ArrayList<>();
        boolean starting = m.state() == LiveTable.State.RUNNING
                && (p.phase() == RunProgress.Phase.STARTING || p.phase() == RunProgress.Phase.WAITING)
                && m.processes() > 0;
        if (starting) {
            parts.add("starting " + m.processes() + " worker JVM" + (m.processes() == 1 ? "" : "s")
                    + " (" + p.processesReady() + " ready)");
        } else {
            parts.add(m.state().label());
            double fraction = p.inputFraction();
            boolean over = m.state() != LiveTable.State.RUNNING;
            if (!Double.isNaN(fraction) && !(over && m.state() == LiveTable.State.DONE)) {
                parts.add(Formats.percent(fraction, over));
            }
            long read = p.itemsRead();
            parts.add(Formats.count(read) + " item" + (read == 1 ? "" : "s") + " read");
            double running = p.runningNanos() / 1e9;
            if (running > 0.05) {
                parts.add(Formats.rounded(read / running) + " items/s");
            }
            if (m.state() == LiveTable.State.RUNNING && !Double.isNaN(fraction) && fraction > 0.01 && fraction < 1
                    && running > 0.3) {
                parts.add(Formats.remaining(running * (1 - fraction) / fraction) + " left");
            }
        }
        if (m.epoch() > 0) {
            parts.add("epoch " + m.epoch());
        }
        parts.add(Formats.duration(m.elapsedSeconds()));
        parts.add(m.workers() + " worker" + (m.workers() == 1 ? "" : "s"));
        if (m.recoveryDir() != null) {
            parts.add("recovery " + m.recoveryDir());
        }
        return m.flowName() + ": " + String.join(" · ", parts);
    }

    /** The fraction the progress bar shows, or NaN for no bar (sizes unknown, or not running). */
    static double barFraction(Moment m) {
        if (m.state() != LiveTable.State.RUNNING && m.state() != LiveTable.State.DONE) {
            return Double.NaN;
        }
        if (m.state() == LiveTable.State.DONE) {
            return 1.0;
        }
        return m.progress().phase() == RunProgress.Phase.RUNNING ? m.progress().inputFraction() : Double.NaN;
    }

    /** A text bar: {@code [███████░░░░░░░░░░░░░]}. */
    static String textBar(double fraction) {
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_CELLS);
        return "[" + "█".repeat(full) + "░".repeat(BAR_CELLS - full) + "]";
    }

    /** An HTML bar of plain styled boxes (no JavaScript, no {@code <progress>}, which sanitizers drop). */
    static String htmlBar(double fraction) {
        long percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
        return "<div style=\"width:240px;height:6px;background:#e3e7ee;border-radius:3px;margin:2px 0 6px 0\">"
                + "<div style=\"width:" + percent + "%;height:6px;background:#3b73c4;border-radius:3px\"></div></div>";
    }

    /**
     * Per-step counts, for {@code --steps}: step, operator, items (read by an input, entering any
     * other step) and, when any, late items.
     */
    static String stepsText(RunProgress.Snapshot p) {
        boolean late = p.steps().stream().anyMatch(s -> s.lateItems() > 0);
        List<String[]> rows = new ArrayList<>();
        rows.add(late ? new String[] {"step", "operator", "items", "late"} : new String[] {"step", "operator", "items"});
        for (RunProgress.StepProgress s : p.steps()) {
            rows.add(cells(s, late));
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                String pad = " ".repeat(widths[c] - row[c].length());
                out.append(c == 0 ? "" : "  ").append(c < 2 ? row[c] + pad : pad + row[c]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The same as an HTML table. */
    static String stepsHtml(RunProgress.Snapshot p) {
        boolean late = p.steps().stream().anyMatch(s -> s.lateItems() > 0);
        StringBuilder out = new StringBuilder("<table class=\"rivulet-steps\"><thead><tr><th>step</th><th>operator</th>"
                + "<th>items</th>" + (late ? "<th>late</th>" : "") + "</tr></thead><tbody>");
        for (RunProgress.StepProgress s : p.steps()) {
            out.append("<tr>");
            for (String cell : cells(s, late)) {
                out.append("<td>").append(TableView.escape(cell)).append("</td>");
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    private static String[] cells(RunProgress.StepProgress s, boolean late) {
        String items = Formats.count(s.isInput() ? s.itemsOut() : s.itemsIn());
        return late ? new String[] {s.stepId(), s.operator(), items, s.lateItems() > 0 ? Formats.count(s.lateItems()) : ""}
                : new String[] {s.stepId(), s.operator(), items};
    }
}
