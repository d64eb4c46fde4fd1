package dev.rivulet.notebook;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Bounded renderings of a table as HTML (no JavaScript) and as text: the first and last rows, a
 * row saying how many were left out between them, and the total.
 *
 * <pre>{@code
 * RichOutput out = TableView.render(table); // at most 10 + 10 rows, plus "… 980 more rows …"
 * }</pre>
 */
public final class TableView {

    /** Rows shown from the start and from the end of a long table. */
    public static final int EDGE_ROWS = 10;

    private TableView() {
    }

    /** The bounded HTML and text of {@code table}, with its row and column count as caption. */
    public static RichOutput render(Table table) {
        String caption = table.name() + ": " + Formats.count(table.rowCount()) + " rows × " + table.columnCount()
                + " columns";
        if (table.rowCount() <= 2 * EDGE_ROWS) {
            return new RichOutput(null, caption + "\n" + text(table, table.rowCount(), 0),
                    "<div>" + html(table, table.rowCount(), 0) + "<p><small>" + escape(caption)
                            + "</small></p></div>");
        }
        Table edges = table.first(EDGE_ROWS).append(table.last(EDGE_ROWS));
        long hidden = table.rowCount() - 2L * EDGE_ROWS;
        return new RichOutput(null, caption + "\n" + text(edges, EDGE_ROWS, hidden),
                "<div>" + html(edges, EDGE_ROWS, hidden) + "<p><small>" + escape(caption)
                        + "</small></p></div>");
    }

    /**
     * An HTML table of {@code rows}; when {@code hidden > 0}, a row "… n more rows …" goes after
     * the first {@code splitAt} rows.
     */
    public static String html(Table rows, int splitAt, long hidden) {
        StringBuilder out = new StringBuilder("<table class=\"rivulet-table\"><thead><tr>");
        for (String name : rows.columnNames()) {
            out.append("<th>").append(escape(name)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (int r = 0; r < rows.rowCount(); r++) {
            if (r == splitAt && hidden > 0) {
                out.append("<tr><td colspan=\"").append(Math.max(1, rows.columnCount()))
                        .append("\" style=\"text-align:center\">… ").append(Formats.count(hidden))
                        .append(" more rows …</td></tr>");
            }
            out.append("<tr>");
            for (Column<?> column : rows.columns()) {
                out.append("<td>").append(escape(cell(column, r))).append("</td>");
            }
            out.append("</tr>");
        }
        if (rows.rowCount() == splitAt && hidden > 0) {
            out.append("<tr><td colspan=\"").append(Math.max(1, rows.columnCount()))
                    .append("\">… ").append(Formats.count(hidden)).append(" more rows …</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    /** A fixed-width text table of {@code rows}, with the same "… n more rows …" line as {@link #html}. */
    public static String text(Table rows, int splitAt, long hidden) {
        int columns = rows.columnCount();
        List<String[]> lines = new ArrayList<>();
        lines.add(rows.columnNames().toArray(new String[0]));
        for (int r = 0; r < rows.rowCount(); r++) {
            String[] line = new String[columns];
            for (int c = 0; c < columns; c++) {
                line[c] = cell(rows.column(c), r);
            }
            lines.add(line);
        }
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i == splitAt + 1 && hidden > 0) {
                out.append("… ").append(Formats.count(hidden)).append(" more rows …\n");
            }
            String[] line = lines.get(i);
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    out.append("  ");
                }
                out.append(pad(line[c], widths[c], rows.column(c).type().name().equals("STRING")));
            }
            out.append('\n');
            if (i == 0) {
                for (int c = 0; c < columns; c++) {
                    out.append(c > 0 ? "  " : "").append("-".repeat(widths[c]));
                }
                out.append('\n');
            }
        }
        if (rows.rowCount() == splitAt && hidden > 0) {
            out.append("… ").append(Formats.count(hidden)).append(" more rows …\n");
        }
        return out.toString();
    }

    /**
     * A cell as people read it: numbers through {@link Formats} (whole numbers get thousands
     * separators when any number of their column is 10,000 or more, so a column reads alike),
     * everything else as Tablesaw prints it.
     */
    static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        if (column instanceof DoubleColumn d) {
            return Formats.decimal(d.getDouble(row));
        }
        if (column instanceof FloatColumn f) {
            return Formats.decimal(f.getFloat(row));
        }
        if (column instanceof LongColumn || column instanceof IntColumn || column instanceof ShortColumn) {
            long n = ((Number) column.get(row)).longValue();
            return Formats.whole(n, grouped(column));
        }
        if (column instanceof InstantColumn i) {
            return String.valueOf(i.get(row)); // 2026-03-01T09:00:00Z, without Tablesaw's ".000"
        }
        return column.getString(row);
    }

    private static boolean grouped(Column<?> column) {
        for (int r = 0; r < column.size(); r++) {
            if (!column.isMissing(r) && Math.abs(((Number) column.get(r)).longValue()) >= 10_000) {
                return true;
            }
        }
        return false;
    }

    private static String pad(String s, int width, boolean left) {
        String fill = " ".repeat(width - s.length());
        return left ? s + fill : fill + s;
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
