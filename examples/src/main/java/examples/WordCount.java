package examples;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.RunResult;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.io.Sources;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The quick-start flow: counts the words of a text. {@code flow} reads the lines given to
 * {@link #build(List)}; {@code main} runs it on the bundled sample and prints the counts.
 */
public final class WordCount {

    private WordCount() {
    }

    /** A word count over {@code lines}. */
    public static Dataflow build(List<String> lines) {
        var flow = new Dataflow("wordcount");
        flow.input("lines", Sources.testing(lines))
                .flatMap("split", line -> Arrays.asList(line.toLowerCase().split("\\W+")))
                .filter("non-empty", word -> !word.isEmpty())
                .keyBy("by-word", word -> word)
                .map("one", word -> 1L)
                .reduce("count", Long::sum)
                .capture("counts");
        return flow;
    }

    /** Runs the word count on the lines of a file (default: the bundled sample text). */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path path = java.nio.file.Path.of(args.length > 0 ? args[0] : "examples/data/book.txt");
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<String> lines = java.nio.file.Files.readAllLines(path);
        RunResult result = Rivulet.run(build(lines), workers, RunOptions.defaults());
        List<KV<String, Long>> counts = result.captured("counts");
        System.out.printf("%-14s %5s%n", "word", "count");
        counts.stream()
                .sorted(Comparator.<KV<String, Long>, Long>comparing(KV::value).reversed()
                        .thenComparing(KV::key))
                .limit(10)
                .forEach(kv -> System.out.printf("%-14s %5d%n", kv.key(), kv.value()));
        System.out.printf("%d distinct words, %d workers, %d ms%n", counts.size(), result.workers(),
                result.elapsed().toMillis());
    }
}
