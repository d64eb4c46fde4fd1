package dev.rivulet.flow;

import dev.rivulet.Dataflow;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * A runner other than the native engine that runs a flow's description, found with
 * {@link ServiceLoader} when its jar is on the class path (the Flink runner of
 * {@code rivulet-flink} is {@code "flink"}). The CLI's {@code --engine}, the notebook's
 * {@code %flink_run} and the tests' engine switch use it, so the runtime never depends on a
 * runner at compile time.
 *
 * <pre>{@code
 * RunResult result = FlowRunner.named("flink").run(flow, new FlowRunner.Settings(2, RunOptions.defaults()));
 * }</pre>
 */
public interface FlowRunner {

    /** The name {@code --engine} selects it by, for example {@code "flink"}. */
    String name();

    /**
     * Runs {@code flow} and waits for its end, with the native engine's contract: captured items
     * in the result and to the options' listener, failures as a {@code RivuletException} naming
     * the step.
     */
    RunResult run(Dataflow flow, Settings settings);

    /**
     * What a run asks of a runner.
     *
     * @param parallelism the number of parallel workers (Flink's parallelism)
     * @param options epochs, recovery, capture listener, batch size
     * @param master where the runner's cluster is ({@code host:port}), or {@code null} for an
     *     in-process one
     * @param savepoint a savepoint or checkpoint to start from, or {@code null}
     * @param jars jars holding the flow's classes, to ship to a remote cluster
     */
    record Settings(int parallelism, RunOptions options, String master, String savepoint, List<Path> jars) {
        public Settings {
            Objects.requireNonNull(options, "options");
            jars = List.copyOf(jars);
        }

        public Settings(int parallelism, RunOptions options) {
            this(parallelism, options, null, null, List.of());
        }
    }

    /**
     * The runner called {@code name} on the class path.
     *
     * @throws RivuletException naming the runners that are there, when none is called so
     */
    static FlowRunner named(String name) {
        List<String> found = new ArrayList<>();
        for (FlowRunner runner : ServiceLoader.load(FlowRunner.class, classLoader())) {
            if (runner.name().equals(name)) {
                return runner;
            }
            found.add(runner.name());
        }
        throw new RivuletException("no '" + name + "' engine on the class path"
                + (found.isEmpty() ? "" : " (found: " + String.join(", ", found) + ")")
                + ("flink".equals(name)
                        ? "; put the rivulet-flink jar and its dependencies on the class path"
                                + " (flink/target/rivulet-flink-*.jar and flink/target/lib/*), see docs/flink.md"
                        : "; the engines are 'native' and, with rivulet-flink on the class path, 'flink'"));
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : FlowRunner.class.getClassLoader();
    }
}
