package dev.rivulet.io;

import java.io.PrintStream;
import java.util.List;

/**
 * The built-in sinks.
 *
 * <pre>{@code
 * stream.output("print", Sinks.stdout());
 * stream.output("collect", Sinks.collect(myList));
 * }</pre>
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
}
