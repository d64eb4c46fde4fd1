package examples;

import dev.rivulet.DataStream;
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
 * The quick-start flow: counts the words of a text. {@code flow} counts the bundled sample
 * ({@code examples/data/book.txt}, run from the project directory); {@link #fromFile} any text
 * file; {@link #build(List)} a list of lines; {@code main} runs it and prints the top words.
 *
 * <pre>
 * rivulet run examples.WordCount:flow -w 2
 * rivulet run 'examples.WordCount:fromFile("README.md")' -p 2 -w 2
 * </pre>
 */
public final class WordCount {

    /** The word count of the bundled sample text. */
    public static final Dataflow flow = fromFile("examples/data/book.txt");

    private WordCount() {
    }

    /** A word count over {@code lines}. */
    public static Dataflow build(List<String> lines) {
        var flow = new Dataflow("wordcount");
        return count(flow, flow.input("lines", Sources.testing(lines)));
    }

    /** A word count over the lines of a text file. */
    public static Dataflow fromFile(String path) {
        var flow = new Dataflow("wordcount");
        return count(flow, flow.input("lines", Sources.lines(java.nio.file.Path.of(path))));
    }

    private static Dataflow count(Dataflow flow, DataStream<String> lines) {
        lines.flatMap("split", line -> Arrays.asList(line.toLowerCase().split("\\W+")))
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
