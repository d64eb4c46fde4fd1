package dev.rivulet.io;

import dev.rivulet.testing.Engines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A 10 MB file counted by Rivulet equals the same count done by a plain Java loop. */
class FileWordCountTest {

    @TempDir
    static Path tmp;

    static Path book;

    @BeforeAll
    static void writeTenMegabytes() throws Exception {
        book = tmp.resolve("book.txt");
        SplittableRandom random = new SplittableRandom(42);
        try (BufferedWriter out = Files.newBufferedWriter(book)) {
            long written = 0;
            while (written < 10_000_000) {
                StringBuilder line = new StringBuilder();
                int words = random.nextInt(0, 12); // zero words: blank lines, which are items too
                for (int w = 0; w < words; w++) {
                    // a skewed vocabulary, so some keys are hot and most are rare
                    int rank = (int) Math.floor(Math.pow(random.nextDouble(), 3) * 20_000);
                    line.append(w == 0 ? "" : " ").append("w").append(rank);
                }
                out.write(line.toString());
                out.write('\n');
                written += line.length() + 1;
            }
        }
    }

    private static Map<String, Long> plainJava() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (String line : Files.readAllLines(book)) {
            for (String word : line.split(" ")) {
                if (!word.isEmpty()) {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void wordCountMatchesAPlainLoop(int workers) throws Exception {
        Dataflow flow = new Dataflow("file-word-count");
        flow.input("lines", Sources.lines(book))
                .flatMap("words", line -> Arrays.asList(line.split(" ")))
                .filter("non-empty", word -> !word.isEmpty())
                .keyBy("by-word", word -> word)
                .map("one", word -> 1L)
                .reduce("count", Long::sum)
                .capture("counts");
        List<KV<String, Long>> counts = Engines.run(flow, workers).captured("counts");
        Map<String, Long> rivulet = counts.stream().collect(Collectors.toMap(KV::key, KV::value));
        assertThat(rivulet).hasSize(counts.size()).isEqualTo(plainJava());
    }
}
