package dev.rivulet.io;

import dev.rivulet.testing.Engines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** S42–S45, S76 corrected, and the resume positions of the file sources. */
class FileSourcesTest {

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static <T> List<T> drain(SourcePartition<T, Long> part) throws Exception {
        List<T> out = new ArrayList<>();
        while (part.nextBatch(out, 3)) {
            // keep reading until the partition says it is done
        }
        return out;
    }

    private static <T> List<T> read(SourcePartition<T, Long> part, int max) throws Exception {
        List<T> out = new ArrayList<>();
        part.nextBatch(out, max);
        return out;
    }

    @Test
    void s44LinesOfAFileInOrder() throws Exception {
        Path file = write("partition-1.txt", "one1\none2\none3\none4\none5\none6\n");
        Dataflow flow = new Dataflow("lines");
        flow.input("inp", Sources.lines(file)).capture("out");
        List<String> out = Engines.runMain(flow).captured("out");
        assertThat(out).containsExactly("one1", "one2", "one3", "one4", "one5", "one6");
    }

    @Test
    void s76CorrectedBlankLinesAreItemsAndCrLfIsOneTerminator() throws Exception {
        Path file = write("x.txt", "x\n\ny\r\n\r\nz");
        assertThat(drain(Sources.lines(file).buildPart(file.toString(), null)))
                .containsExactly("x", "", "y", "", "z");
    }

    @Test
    void multiByteTextAndLinesLongerThanTheReadBuffer() throws Exception {
        String longLine = "é".repeat(100_000);
        Path file = write("long.txt", "ünïcödé ✓\n" + longLine + "\nend\n");
        assertThat(drain(Sources.lines(file).buildPart(file.toString(), null)))
                .containsExactly("ünïcödé ✓", longLine, "end");
    }

    @Test
    void resumesAtTheByteOffsetAfterTheLastLineRead() throws Exception {
        Path file = write("r.txt", "alpha\nβeta\ngamma\ndelta\n");
        LinesSource source = Sources.lines(file);
        SourcePartition<String, Long> first = source.buildPart(file.toString(), null);
        assertThat(first.snapshot()).isZero();
        assertThat(read(first, 2)).containsExactly("alpha", "βeta");
        Long position = first.snapshot();
        assertThat(position).isEqualTo("alpha\nβeta\n".getBytes(StandardCharsets.UTF_8).length);
        assertThat(drain(first)).containsExactly("gamma", "delta");
        Long atEnd = first.snapshot();
        first.close();

        assertThat(drain(source.buildPart(file.toString(), position))).containsExactly("gamma", "delta");
        assertThat(drain(source.buildPart(file.toString(), atEnd))).isEmpty();
    }

    @Test
    void resumingPastTheEndOfAShrunkFileIsAnErrorNotSilentLoss() throws Exception {
        Path file = write("s.txt", "a\nb\n");
        LinesSource source = Sources.lines(file);
        assertThatThrownBy(() -> source.buildPart(file.toString(), 100L))
                .hasMessageContaining("cannot resume reading")
                .hasMessageContaining("has only 4 bytes");
    }

    @Test
    void aMissingFileFailsWhenTheFlowIsBuilt() {
        Path missing = tmp.resolve("nope.txt");
        assertThatThrownBy(() -> Sources.lines(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input file `" + missing + "` does not exist");
        assertThatThrownBy(() -> Sources.lines(tmp))
                .hasMessageContaining("is a directory; use Sources.dir");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void s42DirectoryReadsEveryFileAsItsOwnPartition(int workers) throws Exception {
        String[] names = {"one", "two", "three", "four", "five"};
        for (int i = 0; i < names.length; i++) {
            StringBuilder text = new StringBuilder();
            for (int line = 1; line <= 6; line++) {
                text.append(names[i]).append(line).append('\n');
            }
            write("cluster/partition-" + (i + 1) + ".txt", text.toString());
        }
        DirSource source = Sources.dir(tmp.resolve("cluster"));
        assertThat(source.listParts()).containsExactly(
                "partition-1.txt", "partition-2.txt", "partition-3.txt", "partition-4.txt", "partition-5.txt");

        Dataflow flow = new Dataflow("dir");
        flow.input("inp", source).capture("out");
        RunResult result = Engines.run(flow, workers);
        List<String> out = result.captured("out");
        assertThat(out).hasSize(30).contains("one1", "two1", "three1", "four1", "five1");
        for (String name : names) {
            // Lines of one file keep their order even when files interleave.
            assertThat(out.stream().filter(s -> s.matches(name + "\\d")).toList())
                    .containsExactly(name + 1, name + 2, name + 3, name + 4, name + 5, name + 6);
        }
    }

    @Test
    void s43DirectoryErrorsUseBytewaxTexts() throws Exception {
        Path missing = tmp.resolve("bluster");
        assertThatThrownBy(() -> Sources.dir(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input directory `" + missing + "` does not exist");
        Path file = write("partition-1.txt", "one1\n");
        assertThatThrownBy(() -> Sources.dir(file))
                .hasMessage("input directory `" + file + "` is not a directory");
    }

    @Test
    void globsSelectFilesAtOneLevelOrAtAnyDepth() throws Exception {
        write("d/a.txt", "a\n");
        write("d/b.log", "b\n");
        write("d/sub/c.txt", "c\n");
        assertThat(Sources.dir(tmp.resolve("d"), "*.txt").listParts()).containsExactly("a.txt");
        assertThat(Sources.dir(tmp.resolve("d"), "**.txt").listParts()).containsExactly("a.txt", "sub/c.txt");
        assertThat(Sources.dir(tmp.resolve("d")).listParts()).containsExactly("a.txt", "b.log");
        assertThat(drain(Sources.dir(tmp.resolve("d"), "**.txt").buildPart("sub/c.txt", null))).containsExactly("c");
    }

    private static Path metricsCsv() throws Exception {
        java.net.URI uri = FileSourcesTest.class.getResource("/sample_data/metrics.csv").toURI();
        if (uri.getScheme().equals("file")) {
            return Path.of(uri);
        }
        // run from the test jar (by another engine's module): copy it out
        Path copy = java.nio.file.Files.createTempFile("metrics", ".csv");
        copy.toFile().deleteOnExit();
        try (var in = FileSourcesTest.class.getResourceAsStream("/sample_data/metrics.csv")) {
            java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    @Test
    void s45CsvRowsAreMapsFromHeaderToText() throws Exception {
        Dataflow flow = new Dataflow("csv");
        flow.input("inp", Sources.csv(metricsCsv())).capture("out");
        List<Map<String, String>> rows = Engines.runMain(flow).captured("out");
        assertThat(rows).hasSize(8);
        assertThat(rows.get(0)).containsExactly(
                Map.entry("index", "0"), Map.entry("timestamp", "2022-02-24 11:42:08"),
                Map.entry("value", "0.132"), Map.entry("instance", "24ae8d"));
        assertThat(rows).extracting(r -> r.get("value"))
                .containsExactly("0.132", "0.066", "42.652", "51.846", "2.296", "1.732", "91.958", "0.068");
        assertThat(rows).extracting(r -> r.get("instance"))
                .containsExactly("24ae8d", "c6585a", "ac20cd", "5f5533", "fe7f93", "53ea38", "825cc2", "77c1ca");
    }

    record Metric(int index, String timestamp, double value, String instance) implements java.io.Serializable {
    }

    @Test
    void csvRowsConvertToRecords() throws Exception {
        Dataflow flow = new Dataflow("csv-records");
        flow.input("inp", Sources.csv(metricsCsv(), Metric.class)).capture("out");
        List<Metric> rows = Engines.runMain(flow).captured("out");
        assertThat(rows).hasSize(8);
        assertThat(rows.get(2)).isEqualTo(new Metric(2, "2022-02-24 11:42:09", 42.652, "ac20cd"));
        assertThat(rows.stream().mapToDouble(Metric::value).sum()).isCloseTo(190.75, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void csvQuotedFieldsMaySpanLinesAndResumeKeepsTheHeader() throws Exception {
        Path file = write("q.csv", "name;note\r\nann;\"hello; world\"\n\nbob;\"two\nlines\"\ncid;\"say \"\"hi\"\"\"\n");
        CsvSource<Map<String, String>> source = Sources.csv(file).withSeparator(';');
        SourcePartition<Map<String, String>, Long> part = source.buildPart(file.toString(), null);
        assertThat(read(part, 1)).containsExactly(Map.of("name", "ann", "note", "hello; world"));
        Long position = part.snapshot();
        assertThat(drain(part)).containsExactly(
                Map.of("name", "bob", "note", "two\nlines"), Map.of("name", "cid", "note", "say \"hi\""));
        assertThat(drain(source.buildPart(file.toString(), position))).extracting(r -> r.get("name"))
                .containsExactly("bob", "cid");
    }

    @Test
    void csvRowWithTheWrongFieldCountNamesItsOffset() throws Exception {
        Path file = write("bad.csv", "a,b\n1,2\n3;4\n");
        SourcePartition<Map<String, String>, Long> part = Sources.csv(file).buildPart(file.toString(), null);
        assertThatThrownBy(() -> drain(part))
                .hasMessageContaining("the CSV row at byte 8 of `" + file + "` has 1 fields but the header has 2")
                .hasMessageContaining("withSeparator");
    }

    record Click(String user, int page, Instant at) implements java.io.Serializable {
    }

    @Test
    void jsonLinesReadRecordsSkipBlankLinesAndNameBadLines() throws Exception {
        Path file = write("c.jsonl", "{\"user\":\"ann\",\"page\":3,\"at\":\"2024-01-01T00:00:00Z\",\"extra\":true}\n\n"
                + "{\"user\":\"bob\",\"page\":4,\"at\":\"2024-01-01T00:00:01Z\"}\n{oops\n");
        SourcePartition<Click, Long> part = Sources.jsonLines(file, Click.class).buildPart(file.toString(), null);
        assertThat(read(part, 3)).containsExactly(
                new Click("ann", 3, Instant.parse("2024-01-01T00:00:00Z")),
                new Click("bob", 4, Instant.parse("2024-01-01T00:00:01Z")));
        assertThatThrownBy(() -> read(part, 1))
                .hasMessageContaining("is not a JSON Click")
                .hasMessageContaining("c.jsonl");
    }
}
