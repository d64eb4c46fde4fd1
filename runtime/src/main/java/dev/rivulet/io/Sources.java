package dev.rivulet.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The built-in sources.
 *
 * <pre>{@code
 * flow.input("numbers", Sources.testing(List.of(1, 2, 3)));
 * flow.input("ids", Sources.range(0, 1_000_000, 4));
 * flow.input("lines", Sources.lines(Path.of("data/book.txt")));
 * flow.input("logs", Sources.dir(Path.of("logs"), "*.log"));
 * flow.input("rows", Sources.csv(Path.of("data/metrics.csv")));
 * flow.input("events", Sources.jsonLines(Path.of("events.jsonl"), Event.class));
 * }</pre>
 *
 * <p>File sources read UTF-8 and resume at the byte offset after the last item of the last
 * completed epoch.
 */
public final class Sources {

    private Sources() {
    }

    /**
     * The items of a list, in order, from one partition; replayable (see {@link TestingSource}
     * for sentinels that simulate crashes).
     *
     * <pre>{@code
     * flow.input("inp", Sources.testing(List.of("a", "b", "c")))
     * }</pre>
     */
    public static <T> TestingSource<T> testing(List<? extends T> items) {
        return TestingSource.of(items);
    }

    /**
     * The numbers {@code [from, to)} in one partition.
     *
     * <pre>{@code
     * flow.input("n", Sources.range(0, 10))   // 0, 1, …, 9
     * }</pre>
     */
    public static RangeSource range(long from, long to) {
        return new RangeSource(from, to, 1);
    }

    /**
     * The numbers {@code [from, to)} split into {@code partitions} contiguous ranges, read in
     * parallel by the workers owning them.
     *
     * <pre>{@code
     * flow.input("n", Sources.range(0, 1_000_000, 4))
     * }</pre>
     */
    public static RangeSource range(long from, long to, int partitions) {
        return new RangeSource(from, to, partitions);
    }
    /**
     * The lines of a UTF-8 text file, without line terminators; empty lines are items. Fails at
     * once when the file does not exist. See {@link LinesSource}.
     *
     * <pre>{@code
     * flow.input("lines", Sources.lines(Path.of("data/book.txt")))
     * }</pre>
     */
    public static LinesSource lines(Path file) {
        return new LinesSource(file);
    }

    /**
     * The lines of every file directly in {@code dir}, one partition per file. Fails at once when
     * {@code dir} does not exist or is not a directory.
     *
     * <pre>{@code
     * flow.input("parts", Sources.dir(Path.of("data/partitions")))
     * }</pre>
     */
    public static DirSource dir(Path dir) {
        return new DirSource(dir, "*");
    }

    /**
     * The lines of every file under {@code dir} whose relative path matches {@code glob}
     * ({@code "*.txt"} in the directory itself, {@code "**.txt"} at any depth); one partition per
     * file. See {@link DirSource}.
     *
     * <pre>{@code
     * flow.input("logs", Sources.dir(Path.of("logs"), "**.log"))
     * }</pre>
     */
    public static DirSource dir(Path dir, String glob) {
        return new DirSource(dir, glob);
    }

    /**
     * The rows of a CSV file with a header line, each as a map from column name to text, in
     * column order. See {@link CsvSource}.
     *
     * <pre>{@code
     * flow.input("rows", Sources.csv(Path.of("data/metrics.csv")))
     *     .map("value", row -> Double.parseDouble(row.get("value")))
     * }</pre>
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static CsvSource<Map<String, String>> csv(Path file) {
        return new CsvSource(file, null, ',');
    }

    /**
     * The rows of a CSV file with a header line, each converted to {@code type} (a record or
     * bean whose property names match the header; text is converted to numbers, booleans and ISO
     * {@code java.time} values).
     *
     * <pre>{@code
     * record Metric(int index, String timestamp, double value, String instance) {}
     * flow.input("metrics", Sources.csv(Path.of("data/metrics.csv"), Metric.class))
     * }</pre>
     */
    public static <T> CsvSource<T> csv(Path file, Class<T> type) {
        return new CsvSource<>(file, type, ',');
    }

    /**
     * One JSON value per line, read into {@code type} (records, beans, {@code Map.class});
     * blank lines are skipped. See {@link JsonLinesSource}.
     *
     * <pre>{@code
     * record Click(String user, String page, java.time.Instant at) {}
     * flow.input("clicks", Sources.jsonLines(Path.of("clicks.jsonl"), Click.class))
     * }</pre>
     */
    public static <T> JsonLinesSource<T> jsonLines(Path file, Class<T> type) {
        return new JsonLinesSource<>(file, type);
    }
}
