package dev.rivulet.recovery;

import static dev.rivulet.recovery.DirectoryImages.hashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.KeyedStream;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.StateUpdate;
import dev.rivulet.io.Sinks;
import dev.rivulet.io.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Resuming a recovery directory with another worker count: the run re-spreads the keyed state
 * and the input and sink positions over the new workers (in a new generation of files) and ends
 * with exactly the result of a run without failure.
 */
class RescaleTest {

    static final AtomicInteger CRASH_AT = new AtomicInteger(-1);
    static final int WORDS = 120;

    @TempDir
    Path tmp;

    @BeforeEach
    void disarm() {
        CRASH_AT.set(-1);
    }

    /** The i-th word of the input: 13 different words, unevenly often. */
    static String word(int i) {
        return "w" + ((i * 7) % 13 % (1 + i % 5));
    }

    /**
     * A word count twice over: {@code countFinal} (captured) and a running count with
     * {@code statefulMap} written to a file sink (exactly-once).
     */
    private static Dataflow wordCount(Path out) {
        Dataflow flow = new Dataflow("rescaled-count");
        var words = flow.input("inp", Sources.testing(IntStream.range(0, WORDS).boxed().toList()))
                .map("maybe-crash", i -> {
                    if (i == CRASH_AT.get()) {
                        throw new IllegalStateException("simulated crash at " + i);
                    }
                    return word(i);
                });
        words.countFinal("count", w -> w).capture("counts");
        KeyedStream.of(words.map("pair", w -> KV.of(w, 1)))
                .<Integer, Integer>statefulMap("running", () -> 0, (n, one) -> StateUpdate.of(n + one, n + one))
                .stream().map("line", kv -> kv.key() + "=" + kv.value())
                .output("file", Sinks.file(out));
        return flow;
    }

    private static Map<String, Long> expectedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < WORDS; i++) {
            counts.merge(word(i), 1L, Long::sum);
        }
        return counts;
    }

    /** Every running count of every word, as a failure-free run writes them (in some order). */
    private static List<String> expectedLines() {
        Map<String, Integer> running = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < WORDS; i++) {
            lines.add(word(i) + "=" + running.merge(word(i), 1, Integer::sum));
        }
        lines.sort(null);
        return lines;
    }

    private static RunOptions rec(Path dir) {
        return RunOptions.defaults().epochs(EpochConfig.testing()).recovery(RecoveryConfig.sqlite(dir));
    }

    private static Map<String, Long> counts(Dataflow flow, int workers, Path dir) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object item : Rivulet.run(flow, workers, rec(dir)).captured("counts")) {
            KV<?, ?> kv = (KV<?, ?>) item;
            counts.put((String) kv.key(), (Long) kv.value());
        }
        return counts;
    }

    private static void crashAt(Dataflow flow, int workers, Path dir, int item) {
        CRASH_AT.set(item);
        assertThatThrownBy(() -> Rivulet.run(flow, workers, rec(dir))).isInstanceOf(RivuletException.class)
                .hasMessageContaining("simulated crash at " + item);
        CRASH_AT.set(-1);
    }

    static List<String> sortedLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.sort(null);
        return lines;
    }

    static List<Path> generationDirectories(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("gen-")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "-w{0} crashed, resumed with -w{1}")
    @CsvSource({"2, 1", "1, 3", "3, 2"})
    void aCrashedRunResumedWithAnotherWorkerCountGivesTheFailureFreeResult(int before, int after) throws Exception {
        Path dir = tmp.resolve("state");
        Path out = tmp.resolve("running.txt");
        crashAt(wordCount(out), before, dir, 70);
        assertThat(counts(wordCount(out), after, dir)).isEqualTo(expectedCounts());
        assertThat(sortedLines(out)).as("the file sink, exactly once").isEqualTo(expectedLines());
        List<Path> generations = generationDirectories(dir);
        assertThat(generations).as("one new generation").hasSize(1);
        try (Stream<Path> files = Files.list(generations.get(0))) {
            assertThat(files.filter(f -> f.toString().endsWith(".sqlite3")).count()).isEqualTo(after);
        }
        // A continuation with the new count continues the same run: no new item, nothing emitted.
        assertThat(counts(wordCount(out), after, dir)).isEmpty();
        assertThat(Files.list(dir).filter(f -> f.getFileName().toString().startsWith("worker-")).toList())
                .as("the previous generation is gone").isEmpty();
        assertThat(sortedLines(out)).isEqualTo(expectedLines());
    }

    @Test
    void rescalingTwiceInARowAndBackKeepsEveryCount() throws Exception {
        Path dir = tmp.resolve("state");
        Path out = tmp.resolve("running.txt");
        crashAt(wordCount(out), 2, dir, 30);
        crashAt(wordCount(out), 3, dir, 60);
        crashAt(wordCount(out), 1, dir, 90);
        assertThat(counts(wordCount(out), 2, dir)).isEqualTo(expectedCounts());
        assertThat(sortedLines(out)).isEqualTo(expectedLines());
        assertThat(generationDirectories(dir)).hasSize(1);
        assertThat(generationDirectories(dir).get(0).getFileName().toString()).startsWith("gen-3-");
    }

    @Test
    void aRescaleMissingAnOldFileIsRefusedAndChangesNoByte() throws Exception {
        Path dir = tmp.resolve("state");
        Path out = tmp.resolve("running.txt");
        crashAt(wordCount(out), 2, dir, 70);
        Path image = tmp.resolve("image");
        DirectoryImages.killedImage(dir, image);
        Files.delete(image.resolve("worker-1.sqlite3"));
        Files.deleteIfExists(image.resolve("worker-1.sqlite3-wal"));
        Files.deleteIfExists(image.resolve("worker-1.sqlite3-shm"));
        Map<String, String> before = hashes(image);
        Throwable refusal = catchThrowable(() -> Rivulet.run(wordCount(out), 3, rec(image)));
        assertThat(refusal).isInstanceOf(RecoveryDirectoryException.class)
                .hasMessageContaining("but not of workers [1]").hasMessageContaining("worker-1.sqlite3")
                .hasMessageContaining("Nothing in the directory was changed");
        assertThat(hashes(image)).as("every file byte for byte as before, and no new file").isEqualTo(before);
    }

    @ParameterizedTest(name = "killed -w2 image resumed with -w{0}")
    @CsvSource({"1", "3"})
    void aKilledDirectoryWithItsWriteAheadLogRescalesExactly(int after) throws Exception {
        Path dir = tmp.resolve("state");
        Path out = tmp.resolve("running.txt");
        crashAt(wordCount(out), 2, dir, 50);
        Path image = tmp.resolve("image");
        DirectoryImages.killedImage(dir, image);
        assertThat(counts(wordCount(out), after, image)).isEqualTo(expectedCounts());
        assertThat(sortedLines(out)).isEqualTo(expectedLines());
    }
}
