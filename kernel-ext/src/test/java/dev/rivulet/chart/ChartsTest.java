package dev.rivulet.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Charts drawn with JFreeChart: SVG with a title, axis labels and readable tick labels. */
class ChartsTest {

    private static Table windows() {
        Instant t0 = Instant.parse("2022-02-24T11:42:08Z");
        InstantColumn start = InstantColumn.create("start");
        DoubleColumn value = DoubleColumn.create("value");
        StringColumn key = StringColumn.create("key");
        double[] sums = {0.198, 94.498, 54.141999999999996, 3316340.009165568 / 100000};
        for (int i = 0; i < sums.length; i++) {
            for (String k : new String[] {"cpu", "disk"}) {
                start.append(t0.plusSeconds(2L * i));
                value.append(k.equals("cpu") ? sums[i] : sums[i] / 2);
                key.append(k);
            }
        }
        return Table.create("windows", key, start, value);
    }

    @Test
    void aLineOverTimeHasATitleAxisLabelsAndClockTimesInUtc() throws Exception {
        Table cpu = windows().where(windows().stringColumn("key").isEqualTo("cpu"));
        String svg = Charts.line(cpu, "start", "value").title("CPU per 2-second window").svg();
        assertThat(svg).startsWith("<svg");
        contains(svg, "CPU per 2-second window", ">start (2022-02-24, UTC)<", ">11:42:10<", ">90<", ">value<");
        assertThat(svg.contains("2:08.000Z") || svg.contains("<script")).isFalse();
        Path out = Path.of("target/charts");
        Files.createDirectories(out);
        Files.writeString(out.resolve("line.svg"), svg);
        Files.write(out.resolve("line.png"), Charts.line(cpu, "start", "value").title("CPU per 2-second window").png());
    }

    @Test
    void barsPerWindowAndKeyCarryTheirValuesAndALegend() throws Exception {
        Chart chart = Charts.bar(windows(), "start", "value", "key");
        String svg = chart.svg();
        contains(svg, "value by start, per key", ">cpu<", ">disk<", ">11:42:08<", "start (2022-02-24, UTC)",
                ">54.142<");
        assertThat(svg.contains("54.141999")).isFalse();
        assertThat(chart.toString()).isEqualTo("bar chart 'value by start, per key': 8 rows of windows"
                + " (value over start, one series per key)");
        byte[] png = chart.png();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        Files.createDirectories(Path.of("target/charts"));
        Files.write(Path.of("target/charts/bars.png"), png);
    }

    @Test
    void categoriesInRowOrderAndNumbersWithSeparators() {
        Table counts = Table.create("counts", StringColumn.create("key", "the", "and", "of"),
                LongColumn.create("value", 13_587, 9_001, 7_450));
        String svg = Charts.bar(counts, "key", "value").svg();
        contains(svg, ">the<", ">and<", ">13,587<");
        assertThat(svg.indexOf(">the<")).isLessThan(svg.indexOf(">of<"));
    }

    /** Checks each part without printing a whole SVG on failure. */
    private static void contains(String svg, String... parts) {
        for (String part : parts) {
            assertThat(svg.contains(part)).as("the SVG contains %s", part).isTrue();
        }
    }

    @Test
    void aMissingOrTextColumnIsNamedWithTheTablesColumns() {
        assertThatThrownBy(() -> Charts.line(windows(), "start", "valu"))
                .hasMessage("table 'windows' has no column 'valu'; its columns: [key, start, value]");
        assertThatThrownBy(() -> Charts.line(windows(), "start", "key"))
                .hasMessageContaining("column 'key' of table 'windows' is STRING, not a number");
    }
}
