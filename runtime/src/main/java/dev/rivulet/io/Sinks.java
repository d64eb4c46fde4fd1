package dev.rivulet.io;

import dev.rivulet.fn.MapFn;
import dev.rivulet.io.internals.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in sinks.
 *
 * <pre>{@code
 * stream.output("print", Sinks.stdout());
 * stream.output("collect", Sinks.collect(myList));
 * stream.output("file", Sinks.file(Path.of("out/counts.txt")));
 * }</pre>
 *
 * <p>File sinks replace existing files on a fresh run and, with recovery, truncate to the length
 * recorded at the last completed epoch on a resumed run, so their files hold every item exactly
 * once.
 */
public final class Sinks {

    private Sinks() {
    }

    /**
     * Appends every item to {@code target} (thread-safe across the workers of this process). For
     * tests and single-process runs; to get results back from a cluster, use {@code capture}.
     *
     * <pre>{@code
     * List<Integer> out = new ArrayList<>();
     * numbers.output("out", Sinks.collect(out));
     * }</pre>
     */
    public static <T> DynamicSink<T> collect(List<? super T> target) {
        return (index, count) -> items -> {
            synchronized (target) {
                target.addAll(items);
            }
        };
    }

    /**
     * Prints every item on its own line to standard output (each worker prints its own items).
     *
     * <pre>{@code
     * counts.output("print", Sinks.stdout())
     * }</pre>
     */
    public static <T> DynamicSink<T> stdout() {
        return (index, count) -> items -> {
            PrintStream out = System.out;
            StringBuilder text = new StringBuilder();
            for (Object item : items) {
                text.append(item).append('\n');
            }
            synchronized (out) {
                out.print(text);
                out.flush();
            }
        };
    }
    /**
     * Writes each item's {@code toString()} as one line of {@code file} (parent directories are
     * created). <b>A fresh run replaces the file.</b> See {@link FileSink}.
     *
     * <pre>{@code
     * counts.output("save", Sinks.file(Path.of("out/counts.txt")))
     * }</pre>
     */
    public static <T> FileSink<T> file(Path file) {
        return new FileSink<>(file, String::valueOf);
    }

    /**
     * Writes each item formatted by {@code format} as one line of {@code file}.
     *
     * <pre>{@code
     * counts.output("save", Sinks.file(Path.of("counts.csv"), kv -> kv.key() + "," + kv.value()))
     * }</pre>
     */
    public static <T> FileSink<T> file(Path file, MapFn<? super T, String> format) {
        return new FileSink<>(file, format);
    }

    /**
     * Writes each item as one line of JSON (records and maps become objects, {@code java.time}
     * values ISO strings). <b>A fresh run replaces the file.</b>
     *
     * <pre>{@code
     * clicks.output("save", Sinks.jsonLines(Path.of("out/clicks.jsonl")))
     * }</pre>
     */
    public static <T> FileSink<T> jsonLines(Path file) {
        return new FileSink<>(file, item -> Json.MAPPER.writeValueAsString(item));
    }

    /**
     * Writes items as lines of {@code fileCount} files {@code part_0 … part_<n-1>} in {@code dir},
     * spread by the stable hash of a {@code KV}'s key (else of the item). See {@link DirSink}.
     *
     * <pre>{@code
     * counts.output("save", Sinks.dir(Path.of("out"), 4))
     * }</pre>
     */
    public static <T> DirSink<T> dir(Path dir, int fileCount) {
        return new DirSink<>(dir, fileCount, DirSink::defaultAssignment, String::valueOf);
    }

    /**
     * Writes items as lines of {@code fileCount} files, item to file
     * {@code floorMod(assign(item), fileCount)}.
     *
     * <pre>{@code
     * ids.output("save", Sinks.dir(Path.of("out"), 3, s -> Integer.parseInt(s)))
     * }</pre>
     */
    public static <T> DirSink<T> dir(Path dir, int fileCount, MapFn<? super T, ? extends Number> assign) {
        return new DirSink<>(dir, fileCount, assign, String::valueOf);
    }
}
