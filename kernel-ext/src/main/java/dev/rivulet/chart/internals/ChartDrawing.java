package dev.rivulet.chart.internals;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns a chart's description into a JFreeChart and draws it as SVG (JFreeSVG) or PNG. Times
 * along x (Tablesaw's instant, date-time and date columns) get a date axis in UTC, so window
 * bounds read "11:42:10"; numbers along x a number axis; anything else becomes categories in row
 * order. One plain look for every chart: white background, light grid, a colour-blind-safe
 * palette, no gradients or shadows.
 */
public final class ChartDrawing {

    /** What to draw. */
    public record Spec(boolean bars, Table table, String x, String y, String group, String title, String xLabel,
            String yLabel, int width, int height) {
    }

    /** Tableau 10: distinguishable, also in grey print and for most colour-blind readers. */
    private static final Color[] PALETTE = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
        new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac),
    };
    private static final Color GRID = new Color(0xdddddd);
    private static final Color TEXT = new Color(0x333333);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Above this many bars, their values are not written on them. */
    private static final int MAX_LABELLED_BARS = 16;
    /** Ids of SVG definitions must differ between pictures shown in one page. */
    private static final AtomicLong PICTURES = new AtomicLong();

    static {
        // Drawing needs no screen; a kernel started without one must not try to open it.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // Rotated labels (the y axis's, slanted categories) as rotated text, not as glyph
        // outlines: smaller SVG, crisp at any zoom, and selectable text.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private ChartDrawing() {
    }

    /** The chart as an SVG element. */
    public static String svg(Spec spec) {
        JFreeChart chart = build(spec);
        SVGGraphics2D g = new SVGGraphics2D(spec.width(), spec.height());
        g.setDefsKeyPrefix("rivulet-chart-" + PICTURES.incrementAndGet() + "-");
        chart.draw(g, new Rectangle(0, 0, spec.width(), spec.height()));
        return g.getSVGElement();
    }

    /** The chart as PNG bytes. */
    public static byte[] png(Spec spec) {
        JFreeChart chart = build(spec);
        BufferedImage image = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.draw(g, new Rectangle(0, 0, spec.width(), spec.height()));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static JFreeChart build(Spec spec) {
        Column<?> x = spec.table().column(spec.x());
        boolean timeX = isTime(x);
        JFreeChart chart;
        if (!spec.bars() && (timeX || x instanceof NumericColumn<?>)) {
            chart = xyLines(spec, timeX);
        } else {
            chart = categories(spec, timeX);
        }
        style(chart, spec);
        return chart;
    }

    private static boolean isTime(Column<?> column) {
        return column instanceof InstantColumn || column instanceof DateTimeColumn || column instanceof DateColumn;
    }

    private static JFreeChart xyLines(Spec spec, boolean timeX) {
        Table t = spec.table();
        Map<String, XYSeries> series = new LinkedHashMap<>();
        NumericColumn<?> ys = (NumericColumn<?>) t.column(spec.y());
        Column<?> xs = t.column(spec.x());
        for (int row = 0; row < t.rowCount(); row++) {
            if (ys.isMissing(row) || xs.isMissing(row)) {
                continue;
            }
            String name = spec.group() == null ? spec.y() : t.column(spec.group()).getString(row);
            double xValue = timeX ? epochMillis(xs.get(row)) : ((NumericColumn<?>) xs).getDouble(row);
            series.computeIfAbsent(name, n -> new XYSeries(n, true, true)).addOrUpdate(xValue, ys.getDouble(row));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        NumberAxis yAxis = valueAxis(spec.yLabel());
        org.jfree.chart.axis.ValueAxis xAxis;
        if (timeX) {
            DateAxis dates = new DateAxis(spec.xLabel() + dateNote(xs), TimeZone.getTimeZone("UTC"), Locale.ROOT);
            dates.setStandardTickUnits(DateAxis.createStandardDateTickUnits(TimeZone.getTimeZone("UTC"), Locale.ROOT));
            dates.setLowerMargin(0.03);
            dates.setUpperMargin(0.03);
            xAxis = dates;
        } else {
            NumberAxis numbers = new NumberAxis(spec.xLabel());
            numbers.setAutoRangeIncludesZero(false);
            numbers.setNumberFormatOverride(numberFormat());
            xAxis = numbers;
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        return new JFreeChart(spec.title(), TITLE_FONT, plot, spec.group() != null);
    }

    private static JFreeChart categories(Spec spec, boolean timeX) {
        Table t = spec.table();
        NumericColumn<?> ys = (NumericColumn<?>) t.column(spec.y());
        Column<?> xs = t.column(spec.x());
        DateTimeFormatter timeFormat = timeX ? timeFormat(xs) : null;
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int row = 0; row < t.rowCount(); row++) {
            if (ys.isMissing(row) || xs.isMissing(row)) {
                continue;
            }
            String series = spec.group() == null ? spec.y() : t.column(spec.group()).getString(row);
            data.addValue(ys.getDouble(row), series, label(xs, row, timeFormat));
        }
        CategoryAxis xAxis = new CategoryAxis(timeX ? spec.xLabel() + dateNote(xs) : spec.xLabel());
        xAxis.setCategoryMargin(spec.bars() ? 0.2 : 0.0);
        xAxis.setLowerMargin(0.02);
        xAxis.setUpperMargin(0.02);
        if (data.getColumnCount() > 8) {
            xAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        xAxis.setMaximumCategoryLabelLines(2);
        NumberAxis yAxis = valueAxis(spec.yLabel());
        int series = data.getRowCount();
        CategoryPlot plot;
        if (spec.bars()) {
            BarRenderer bars = new BarRenderer();
            bars.setBarPainter(new StandardBarPainter());
            bars.setShadowVisible(false);
            bars.setDrawBarOutline(false);
            bars.setItemMargin(0.05);
            bars.setMaximumBarWidth(0.12);
            for (int i = 0; i < series; i++) {
                bars.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            }
            if (data.getColumnCount() * series <= MAX_LABELLED_BARS) {
                bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", numberFormat()));
                bars.setDefaultItemLabelsVisible(true);
                bars.setDefaultItemLabelFont(TICK_FONT);
                bars.setDefaultItemLabelPaint(TEXT);
                yAxis.setUpperMargin(0.12); // room for the labels above the highest bar
            }
            plot = new CategoryPlot(data, xAxis, yAxis, bars);
        } else {
            LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
            for (int i = 0; i < series; i++) {
                lines.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
                lines.setSeriesStroke(i, new BasicStroke(2f));
                lines.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            }
            plot = new CategoryPlot(data, xAxis, yAxis, lines);
        }
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        return new JFreeChart(spec.title(), TITLE_FONT, plot, spec.group() != null);
    }

    private static NumberAxis valueAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(numberFormat());
        axis.setAutoRangeIncludesZero(true);
        return axis;
    }

    /** {@code 1,234.5}: separators, at most three decimals, the same in every locale. */
    private static DecimalFormat numberFormat() {
        return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    private static void style(JFreeChart chart, Spec spec) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 12));
        TextTitle title = chart.getTitle();
        title.setPaint(TEXT);
        title.setMargin(4, 0, 8, 0);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LABEL_FONT);
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        var plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        org.jfree.chart.axis.Axis[] axes = plot instanceof XYPlot xy
                ? new org.jfree.chart.axis.Axis[] {xy.getDomainAxis(), xy.getRangeAxis()}
                : new org.jfree.chart.axis.Axis[] {((CategoryPlot) plot).getDomainAxis(),
                        ((CategoryPlot) plot).getRangeAxis()};
        for (org.jfree.chart.axis.Axis axis : axes) {
            axis.setLabelFont(LABEL_FONT);
            axis.setLabelPaint(TEXT);
            axis.setTickLabelFont(TICK_FONT);
            axis.setTickLabelPaint(TEXT);
            axis.setAxisLinePaint(new Color(0x888888));
            axis.setTickMarkPaint(new Color(0x888888));
        }
    }

    private static double epochMillis(Object value) {
        if (value instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return ((LocalDate) value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Times of one day as "11:42:08" (the day goes into the axis label), else with their date. */
    private static DateTimeFormatter timeFormat(Column<?> column) {
        if (column instanceof DateColumn) {
            return DateTimeFormatter.ISO_LOCAL_DATE;
        }
        return oneDay(column) ? DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
                : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    }

    private static String dateNote(Column<?> column) {
        if (column instanceof DateColumn || !oneDay(column) || column.size() == 0) {
            return column instanceof DateColumn ? "" : " (UTC)";
        }
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                return " (" + day(column.get(row)) + ", UTC)";
            }
        }
        return " (UTC)";
    }

    private static boolean oneDay(Column<?> column) {
        LocalDate first = null;
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                continue;
            }
            LocalDate d = day(column.get(row));
            if (first == null) {
                first = d;
            } else if (!first.equals(d)) {
                return false;
            }
        }
        return true;
    }

    private static LocalDate day(Object value) {
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC).toLocalDate();
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        return (LocalDate) value;
    }

    private static String label(Column<?> column, int row, DateTimeFormatter timeFormat) {
        Object value = column.get(row);
        if (timeFormat != null) {
            if (value instanceof Instant i) {
                return timeFormat.format(i.atOffset(ZoneOffset.UTC));
            }
            if (value instanceof LocalDateTime t) {
                return timeFormat.format(t);
            }
            return timeFormat.format((LocalDate) value);
        }
        if (value instanceof Double || value instanceof Float) {
            return numberFormat().format(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }
}
