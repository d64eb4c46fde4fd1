package dev.rivulet.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.KV;
import dev.rivulet.window.WindowResult;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class TableConverterTest {

    record Trade(String symbol, long qty, double price, boolean buy) {
    }

    record Stats(long count, double mean) {
    }

    @Test
    void recordsGetOneTypedColumnPerComponent() {
        Table t = TableConverter.toTable("trades", List.of(new Trade("A", 3, 1.5, true), new Trade("B", 4, 2.0, false)));

        assertThat(t.name()).isEqualTo("trades");
        assertThat(t.columnNames()).containsExactly("symbol", "qty", "price", "buy");
        assertThat(t.types()).containsExactly(ColumnType.STRING, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN);
        assertThat(t.longColumn("qty").asList()).containsExactly(3L, 4L);
        assertThat(t.booleanColumn("buy").get(1)).isFalse();
    }

    @Test
    void keyValuesGetKeyAndValueColumns() {
        Table t = TableConverter.toTable("counts", List.of(KV.of("a", 2L), KV.of("b", 1L)));

        assertThat(t.columnNames()).containsExactly("key", "value");
        assertThat(t.types()).containsExactly(ColumnType.STRING, ColumnType.LONG);
        assertThat(t.stringColumn("key").asList()).containsExactly("a", "b");
        assertThat(t.longColumn("value").asList()).containsExactly(2L, 1L);
    }

    @Test
    void aKeyedRecordSpreadsTheRecordBesideTheKey() {
        Table t = TableConverter.toTable("stats", List.of(KV.of(7, new Stats(3, 1.5))));

        assertThat(t.columnNames()).containsExactly("key", "count", "mean");
        assertThat(t.types()).containsExactly(ColumnType.INTEGER, ColumnType.LONG, ColumnType.DOUBLE);
    }

    @Test
    void keyedWindowResultsGetKeyStartEndValueAndWindowId() {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        Table t = TableConverter.toTable("windows", List.of(
                KV.of("x", new WindowResult<>(start, start.plusSeconds(10), 5L, 0)),
                KV.of("y", new WindowResult<>(start.plusSeconds(10), start.plusSeconds(20), 6L, 1))));

        assertThat(t.columnNames()).containsExactly("key", "start", "end", "value", "windowId");
        assertThat(t.types()).containsExactly(ColumnType.STRING, ColumnType.INSTANT, ColumnType.INSTANT,
                ColumnType.LONG, ColumnType.LONG);
        assertThat(t.instantColumn("end").get(1)).isEqualTo(start.plusSeconds(20));
        assertThat(t.longColumn("windowId").asList()).containsExactly(0L, 1L);
    }

    @Test
    void aWindowOfRecordsIsFlattened() {
        Instant start = Instant.EPOCH;
        Table t = TableConverter.toTable("w", List.of(KV.of("k", new WindowResult<>(start, start.plusSeconds(1), new Stats(2, 0.5), 3))));

        assertThat(t.columnNames()).containsExactly("key", "start", "end", "count", "mean", "windowId");
    }

    @Test
    void scalarsGetOneValueColumn() {
        assertThat(TableConverter.toTable("n", List.of(1L, 2L, 3L)).types()).containsExactly(ColumnType.LONG);
        Table words = TableConverter.toTable("w", List.of("a", "b"));
        assertThat(words.columnNames()).containsExactly("value");
        assertThat(words.stringColumn("value").asList()).containsExactly("a", "b");
    }

    @Test
    void mixedWholeNumbersBecomeLongsAndMissingValuesStayMissing() {
        Table t = TableConverter.toTable("m", Arrays.asList(1, 2L, null));

        assertThat(t.types()).containsExactly(ColumnType.LONG);
        assertThat(t.longColumn("value").isMissing(2)).isTrue();
    }

    @Test
    void itemsOfDifferentShapesFallBackToOneTextColumn() {
        Table t = TableConverter.toTable("mixed", List.of(KV.of("a", 1L), "plain"));

        assertThat(t.columnNames()).containsExactly("value");
        assertThat(t.stringColumn("value").asList()).containsExactly("(a, 1)", "plain");
    }

    @Test
    void noItemsGiveAnEmptyTable() {
        assertThat(TableConverter.toTable("none", List.of()).rowCount()).isZero();
    }
}
