package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rivulet inside the user's own kernels: every notebook of {@code notebooks/} and a shipping-cases
 * notebook run in a real IJava and a real JJava kernel, made Rivulet-enabled exactly as
 * {@code install.sh} does it ({@code kernel-ext/scripts/kernel_copies.py}), with the same checks
 * as in the bundled kernel. Neither kernel is on Maven Central, so they are given as kernelspec
 * folders ({@code ../shared/tools/build-real-kernels.sh} builds both from their public sources):
 *
 * <pre>
 * mvn -pl kernel-ext verify -Dit.test=RealKernelsNotebookIT -Drivulet.ijava.kernel=DIR -Drivulet.jjava.kernel=DIR
 * </pre>
 *
 * Without them the test is skipped, saying so loudly. It prints a per-kernel result table (also
 * written to {@code target/real-kernels.md}) and fails if any cell failed.
 */
class RealKernelsNotebookIT {

    @TempDir
    static Path home;
    static JupyterRunner jupyter;
    /** Kernelspec name of each Rivulet-enabled copy, by kernel label. */
    static final Map<String, String> COPIES = new LinkedHashMap<>();

    @BeforeAll
    static void installTheGivenKernels() throws Exception {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("IJava", System.getProperty("rivulet.ijava.kernel", ""));
        given.put("JJava", System.getProperty("rivulet.jjava.kernel", ""));
        given.values().removeIf(String::isBlank);
        if (given.isEmpty()) {
            String skip = "\n*** RealKernelsNotebookIT SKIPPED: no real IJava/JJava kernel given. Run it with"
                    + " -Drivulet.ijava.kernel=DIR -Drivulet.jjava.kernel=DIR (kernelspec folders, built by"
                    + " ../shared/tools/build-real-kernels.sh) to check Rivulet inside them. ***\n";
            System.err.println(skip);
            Assumptions.abort(skip.strip());
        }
        jupyter = new JupyterRunner(home);
        for (Map.Entry<String, String> kernel : given.entrySet()) {
            String name = kernel.getKey().equals("IJava") ? "java" : "jjava";
            installAsItsInstallerDoes(Path.of(kernel.getValue()), home.resolve("data/kernels/" + name));
            COPIES.put(kernel.getKey(), name + "-rivulet");
        }
        Path extension = Files.createDirectories(home.resolve("extension"));
        try (Stream<Path> jars = Files.list(Path.of("target/extension"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, extension.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        jupyter.python(List.of(jupyter.projectDir.resolve("kernel-ext/scripts/kernel_copies.py").toString(),
                extension.toString()), home, 120, false);
    }

    /** The kernelspec folder {@code source} installed at {@code target}, its jar paths made absolute. */
    private static void installAsItsInstallerDoes(Path source, Path target) throws IOException {
        if (!Files.isRegularFile(source.resolve("kernel.json"))) {
            throw new IllegalArgumentException(source + " is not a kernelspec folder (no kernel.json)");
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        var spec = (com.fasterxml.jackson.databind.node.ObjectNode) JupyterRunner.JSON.readTree(
                target.resolve("kernel.json").toFile());
        var argv = spec.withArray("argv");
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i).asText();
            if (arg.endsWith(".jar") && !arg.contains("{") && !Path.of(arg).isAbsolute()) {
                argv.set(i, target.resolve(arg).toString()); // IJava's installer writes the absolute path
            }
        }
        JupyterRunner.JSON.writeValue(target.resolve("kernel.json").toFile(), spec);
    }

    @Test
    void everyNotebookAndTheShippingCasesRunInEachRealKernel() throws Exception {
        List<Path> notebooks = new ArrayList<>();
        try (Stream<Path> files = Files.list(jupyter.projectDir.resolve("notebooks"))) {
            files.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(notebooks::add);
        }
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        for (Map.Entry<String, String> kernel : COPIES.entrySet()) {
            Map<String, String> row = new LinkedHashMap<>();
            results.put(kernel.getKey() + " (" + kernel.getValue() + ")", row);
            for (Path notebook : notebooks) {
                row.put(notebook.getFileName().toString(), outcome(() -> {
                    JsonNode executed = jupyter.runNotebook(notebook, true, notebook.getParent(), kernel.getValue());
                    JupyterRunner.assertNoErrors(notebook, executed);
                    NotebookIT.assertNoStderr(notebook, executed);
                    NotebookIT.checkResults(jupyter.projectDir, notebook, executed);
                }));
            }
            row.put("shipping-cases", outcome(() -> ShippingCases.check(jupyter, home, kernel.getValue())));
            row.put("interrupted %spawn_cluster", outcome(() -> interruptedSpawnCluster(kernel.getValue())));
        }
        String table = table(results);
        System.out.println(table);
        Files.writeString(Path.of("target/real-kernels.md"), table);
        assertThat(results.values().stream().flatMap(r -> r.values().stream()))
                .as("notebooks in the real kernels:\n%s", table).allMatch(r -> r.equals("ok"));
    }

    /**
     * Interrupting a long {@code %spawn_cluster}: the cell ends with the live table at
     * {@code cancelled}, and when the next cell starts no worker JVM of the run is alive.
     */
    private static void interruptedSpawnCluster(String kernel) throws Exception {
        String setup = "var endless = new dev.rivulet.Dataflow(\"endless\");\n"
                + "endless.input(\"numbers\", dev.rivulet.io.Sources.range(0, Long.MAX_VALUE))\n"
                + "    .map(\"slow\", n -> { java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); return n; })\n"
                + "    .capture(\"out\");";
        JsonNode result = jupyter.interruptRun(kernel, setup, "tech.tablesaw.api.Table t = %spawn_cluster -p2 --epoch-interval 0.1 endless",
                "dev.rivulet.notebook.NotebookClusters.workerPids().size()");
        StringBuilder outputs = new StringBuilder();
        result.path("outputs").forEach(o -> outputs.append(JupyterRunner.outputText(o)).append('\n'));
        assertThat(outputs.toString()).as("the interrupted cell's outputs").contains("endless: cancelled")
                .contains("cancelled (interrupted)").doesNotContain("EvaluationInterruptedException");
        StringBuilder after = new StringBuilder();
        result.path("after").forEach(o -> after.append(JupyterRunner.outputText(o)));
        assertThat(after.toString().trim()).as("worker JVMs alive when the next cell starts").isEqualTo("0");
    }

    interface Check {
        void run() throws Exception;
    }

    private static String outcome(Check check) {
        try {
            check.run();
            return "ok";
        } catch (AssertionError | Exception e) {
            String first = String.valueOf(e.getMessage()).strip();
            return "FAILED: " + first.replace('\n', ' ').replace("|", "\\|");
        }
    }

    private static String table(Map<String, Map<String, String>> results) {
        StringBuilder out = new StringBuilder("| kernel | notebook | result |\n|---|---|---|\n");
        results.forEach((kernel, row) -> row.forEach((notebook, result) -> out.append("| ").append(kernel)
                .append(" | ").append(notebook).append(" | ")
                .append(result.length() > 400 ? result.substring(0, 400) + " …" : result).append(" |\n")));
        return out.toString();
    }
}
