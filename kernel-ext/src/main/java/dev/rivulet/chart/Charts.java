package dev.rivulet.chart;

import dev.rivulet.Dataflow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.Function;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Charts of tables, for notebooks: a line or bar chart of one numeric column over another, one
 * series per key when grouped, drawn as SVG with axes, a title and readable time labels (see
 * {@link Chart}). A chart is the value of a cell (or {@code display(chart)}); with {@link #live}
 * it is drawn while a flow runs, under its live table.
 *
 * <pre>{@code
 * Charts.line(windows, "start", "value")                  // one line, time along x
 * Charts.line(windows, "start", "value", "key")           // one line per key
 * Charts.bar(counts.first(10), "key", "value")            // one bar per word
 * Charts.bar(windows, "start", "value", "key").title("Sum per window and sensor")
 * Charts.live(flow, "windows", rows -> Charts.line(rows, "start", "value"))   // redrawn while flow runs
 * }</pre>
 */
public final class Charts {

    private static final Map<Dataflow, Map<String, Function<Table, Chart>>> LIVE = new WeakHashMap<>();

    private Charts() {
    }

    /** A line of {@code y} over {@code x} (times, numbers, or anything else in row order). */
    public static Chart line(Table table, String x, String y) {
        return create(Chart.Kind.LINE, table, x, y, null);
    }

    /** One line of {@code y} over {@code x} per value of column {@code group} (the legend names them). */
    public static Chart line(Table table, String x, String y, String group) {
        return create(Chart.Kind.LINE, table, x, y, Objects.requireNonNull(group, "group"));
    }

    /** One bar of height {@code y} per row, labelled with {@code x}. */
    public static Chart bar(Table table, String x, String y) {
        return create(Chart.Kind.BAR, table, x, y, null);
    }

    /** Bars of {@code y} per {@code x}, one per value of {@code group} side by side. */
    public static Chart bar(Table table, String x, String y, String group) {
        return create(Chart.Kind.BAR, table, x, y, Objects.requireNonNull(group, "group"));
    }

    private static Chart create(Chart.Kind kind, Table table, String x, String y, String group) {
        check(table, x, y, group);
        return new Chart(kind, table, x, y, group, null, null, null, Chart.WIDTH, Chart.HEIGHT);
    }

    /** Fails with a message naming the table's columns when one of these is missing or not numeric. */
    static void check(Table table, String x, String y, String group) {
        Objects.requireNonNull(table, "table");
        List<String> names = table.columnNames();
        for (String column : new String[] {x, y, group}) {
            if (column != null && !names.contains(column)) {
                throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + column
                        + "'; its columns: " + names);
            }
        }
        if (!(table.column(y) instanceof NumericColumn<?>)) {
            throw new IllegalArgumentException("column '" + y + "' of table '" + table.name() + "' is "
                    + table.column(y).type().name() + ", not a number: a chart's y must be numeric (its columns: "
                    + names + ")");
        }
    }

    /**
     * Draws {@code chart} from the rows captured so far by capture step {@code captureStep}
     * whenever {@code flow} runs in this notebook ({@code %run_main}, {@code %spawn_cluster}):
     * a picture under the live table, redrawn twice a second while the rows come, and drawn once
     * more with every row at the end. Registering again for the same step replaces the chart.
     *
     * <pre>{@code
     * Charts.live(flow, "windows", rows -> Charts.line(rows, "start", "value").title("CPU, live"));
     * }</pre>
     *
     * @param chart makes the chart from the rows so far, a table like the one the run returns
     */
    public static void live(Dataflow flow, String captureStep, Function<Table, Chart> chart) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(chart, "chart");
        boolean known = flow.steps().stream().anyMatch(s -> s.stepId().equals(captureStep)
                && s.operator().equals("capture"));
        if (!known) {
            throw new IllegalArgumentException("flow '" + flow.name() + "' has no capture step '" + captureStep
                    + "'; its capture steps: " + flow.steps().stream().filter(s -> s.operator().equals("capture"))
                            .map(s -> s.stepId()).toList());
        }
        synchronized (LIVE) {
            LIVE.computeIfAbsent(flow, f -> new LinkedHashMap<>()).put(captureStep, chart);
        }
    }

    /** The live charts registered for {@code flow}, by capture step (for the notebook's runs). */
    public static Map<String, Function<Table, Chart>> liveCharts(Dataflow flow) {
        synchronized (LIVE) {
            Map<String, Function<Table, Chart>> charts = LIVE.get(flow);
            return charts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(charts));
        }
    }
}
