package dev.rivulet.chart;

import dev.rivulet.chart.internals.ChartDrawing;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A chart of a table's columns, drawn by JFreeChart as SVG (or PNG) that needs no JavaScript:
 * axes with readable labels (times in UTC, numbers with separators), a title, a legend when the
 * rows are grouped. Build one with {@link Charts}; each {@code with}-style method returns a copy.
 * As a cell's value it shows as the picture, in the bundled kernel, IJava and JJava.
 *
 * <pre>{@code
 * Charts.line(windows, "start", "value").title("CPU per 2-second window").yLabel("CPU %")
 * }</pre>
 */
public final class Chart {

    /** How the rows are drawn. */
    public enum Kind {
        /** Points joined by lines; time or numbers along x (else the rows' order). */
        LINE,
        /** One bar per x value (per group, side by side). */
        BAR
    }

    /** Default size in pixels. */
    public static final int WIDTH = 640;
    public static final int HEIGHT = 320;

    private final Kind kind;
    private final Table table;
    private final String x;
    private final String y;
    private final String group;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final int width;
    private final int height;

    Chart(Kind kind, Table table, String x, String y, String group, String title, String xLabel, String yLabel,
            int width, int height) {
        this.kind = kind;
        this.table = table;
        this.x = x;
        this.y = y;
        this.group = group;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
    }

    /** The same chart with this title (default: "<y> by <x>"). */
    public Chart title(String newTitle) {
        return new Chart(kind, table, x, y, group, Objects.requireNonNull(newTitle, "title"), xLabel, yLabel, width,
                height);
    }

    /** The same chart with this label under the x axis (default: the column's name). */
    public Chart xLabel(String label) {
        return new Chart(kind, table, x, y, group, title, Objects.requireNonNull(label, "label"), yLabel, width,
                height);
    }

    /** The same chart with this label beside the y axis (default: the column's name). */
    public Chart yLabel(String label) {
        return new Chart(kind, table, x, y, group, title, xLabel, Objects.requireNonNull(label, "label"), width,
                height);
    }

    /** The same chart at this size in pixels (default 640 × 320). */
    public Chart size(int newWidth, int newHeight) {
        if (newWidth < 100 || newHeight < 80) {
            throw new IllegalArgumentException("a chart needs at least 100 × 80 pixels, got " + newWidth + " × "
                    + newHeight);
        }
        return new Chart(kind, table, x, y, group, title, xLabel, yLabel, newWidth, newHeight);
    }

    /** The same chart drawn from other rows with the same columns (a live chart's next picture). */
    public Chart of(Table rows) {
        Charts.check(rows, x, y, group);
        return new Chart(kind, rows, x, y, group, title, xLabel, yLabel, width, height);
    }

    public Kind kind() {
        return kind;
    }

    public Table table() {
        return table;
    }

    /** The title shown above the chart. */
    public String title() {
        return title != null ? title : y + " by " + x + (group != null ? ", per " + group : "");
    }

    String xLabel() {
        return xLabel != null ? xLabel : x;
    }

    String yLabel() {
        return yLabel != null ? yLabel : y;
    }

    /** The chart as an SVG element. */
    public String svg() {
        return ChartDrawing.svg(spec());
    }

    /** The chart as PNG bytes. */
    public byte[] png() {
        return ChartDrawing.png(spec());
    }

    private ChartDrawing.Spec spec() {
        return new ChartDrawing.Spec(kind == Kind.BAR, table, x, y, group, title(), xLabel(), yLabel(), width, height);
    }

    /** "line chart 'value by start': 12 rows of windows (value over start)". */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " chart '" + title() + "': "
                + String.format(java.util.Locale.ROOT, "%,d", table.rowCount()) + " rows of " + table.name()
                + " (" + y + " over " + x + (group != null ? ", one series per " + group : "") + ")";
    }
}
