package dev.rivulet.io;

import dev.rivulet.testing.Engines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** S47, S48, and the truncate-to-resume-position rule that makes file sinks exactly-once. */
class FileSinksTest {

    @TempDir
    Path tmp;

    @Test
    void s47FileSinkWritesOneLinePerItem() throws Exception {
        Path file = tmp.resolve("out.txt");
        Dataflow flow = new Dataflow("file-out");
        flow.input("inp", Sources.testing(List.of("1", "2", "3"))).output("out", Sinks.file(file));
        Engines.runMain(flow);
        assertThat(Files.readString(file)).isEqualTo("1\n2\n3\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void s48DirSinkSpreadsItemsByTheAssignment(int workers) throws Exception {
        Dataflow flow = new Dataflow("dir-out");
        flow.input("inp", Sources.testing(List.of("1", "2", "3")))
                .output("out", Sinks.dir(tmp, 3, Integer::parseInt));
        Engines.run(flow, workers);
        assertThat(Files.readAllLines(tmp.resolve("part_0"))).containsExactly("3");
        assertThat(Files.readAllLines(tmp.resolve("part_1"))).containsExactly("1");
        assertThat(Files.readAllLines(tmp.resolve("part_2"))).containsExactly("2");
    }

    @Test
    void dirSinkKeepsEachKeysItemsInOneFileInOrder() throws Exception {
        Dataflow flow = new Dataflow("dir-kv");
        flow.input("inp", Sources.range(0, 300))
                .map("kv", n -> KV.of("k" + (n % 7), n))
                .output("out", Sinks.dir(tmp.resolve("created/on/demand"), 4));
        Engines.run(flow, 2);
        int total = 0;
        for (int i = 0; i < 4; i++) {
            List<String> lines = Files.readAllLines(tmp.resolve("created/on/demand/part_" + i));
            total += lines.size();
            for (String key : lines.stream().map(l -> l.substring(1, l.indexOf(','))).distinct().toList()) {
                List<Long> values = lines.stream().filter(l -> l.startsWith("(" + key + ","))
                        .map(l -> Long.parseLong(l.substring(l.indexOf(", ") + 2, l.length() - 1))).toList();
                assertThat(values).isSorted().hasSize((int) java.util.stream.LongStream.range(0, 300)
                        .filter(n -> ("k" + (n % 7)).equals(key)).count());
            }
        }
        assertThat(total).isEqualTo(300);
    }

    @Test
    void aFreshRunReplacesTheFile() throws Exception {
        Path file = tmp.resolve("out.txt");
        Files.writeString(file, "old contents that are longer than the new ones\n");
        Dataflow flow = new Dataflow("replace");
        flow.input("inp", Sources.testing(List.of("new"))).output("out", Sinks.file(file));
        Engines.runMain(flow);
        assertThat(Files.readString(file)).isEqualTo("new\n");
    }

    @Test
    void aResumedPartitionTruncatesToItsSnapshotSoNothingIsWrittenTwice() throws Exception {
        Path file = tmp.resolve("resume.txt");
        FileSink<String> sink = Sinks.file(file);
        SinkPartition<String, Long> first = sink.buildPart(file.toString(), null);
        first.write(List.of("a", "b"));
        Long committed = first.snapshot();
        first.write(List.of("c")); // written after the last completed epoch, then the run "crashes"
        first.close();
        assertThat(Files.readString(file)).isEqualTo("a\nb\nc\n");

        SinkPartition<String, Long> resumed = sink.buildPart(file.toString(), committed);
        resumed.write(List.of("c", "d"));
        resumed.close();
        assertThat(Files.readString(file)).isEqualTo("a\nb\nc\nd\n");
    }

    @Test
    void resumingPastTheEndOfTheFileIsAnError() throws Exception {
        Path file = tmp.resolve("short.txt");
        Files.writeString(file, "ab\n");
        assertThatThrownBy(() -> Sinks.<String>file(file).buildPart(file.toString(), 50L))
                .hasMessageContaining("cannot resume writing")
                .hasMessageContaining("has only 3 bytes");
        assertThat(Files.readString(file)).isEqualTo("ab\n");
    }

    record Reading(String sensor, double value) implements java.io.Serializable {
    }

    @Test
    void jsonLinesRoundTrip() throws Exception {
        Path file = tmp.resolve("r.jsonl");
        List<Reading> readings = List.of(new Reading("a", 1.5), new Reading("b", -2.0));
        Dataflow out = new Dataflow("json-out");
        out.input("inp", Sources.testing(readings)).output("out", Sinks.jsonLines(file));
        Engines.runMain(out);
        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"sensor\":\"a\",\"value\":1.5}", "{\"sensor\":\"b\",\"value\":-2.0}");

        Dataflow in = new Dataflow("json-in");
        in.input("inp", Sources.jsonLines(file, Reading.class)).capture("got");
        assertThat(Engines.runMain(in).<Reading>captured("got")).isEqualTo(readings);
    }

    @Test
    void formattedFileSink() throws Exception {
        Path file = tmp.resolve("f.csv");
        Dataflow flow = new Dataflow("fmt");
        flow.input("inp", Sources.testing(List.of(KV.of("a", 1), KV.of("b", 2))))
                .output("out", Sinks.<KV<String, Integer>>file(file, kv -> kv.key() + "," + kv.value()));
        Engines.runMain(flow);
        assertThat(Files.readAllLines(file)).containsExactly("a,1", "b,2");
    }
}
