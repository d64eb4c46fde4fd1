package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python Jupyter clients (nbclient, jupyter_client) against the freshly built bundled
 * kernel, installed as a kernelspec in a private {@code JUPYTER_PATH} (never the user's), and
 * checks afterwards that no kernel process is left behind.
 */
final class JupyterRunner {
    static final ObjectMapper JSON = new ObjectMapper();

    final Path projectDir;
    final Path python;
    final Path home;

    JupyterRunner(Path home) throws IOException {
        this.home = home;
        this.projectDir = Path.of(System.getProperty("rivulet.projectDir", "..")).toAbsolutePath().normalize();
        this.python = Path.of(System.getProperty("rivulet.python", projectDir.resolve(".venv/bin/python").toString()));
        Path kernelDir = Path.of(System.getProperty("rivulet.kernelDir", "target/kernel"));
        if (!Files.isExecutable(python)) {
            fail("no Python with nbclient at " + python + ": run ./test.sh (it creates .venv with nbclient),"
                    + " or pass -Drivulet.python=/path/to/python");
        }
        if (!Files.isDirectory(kernelDir.resolve("lib"))) {
            fail("the bundled kernel is not built at " + kernelDir + ": run mvn verify (package comes first)");
        }
        KernelSpec.write(home.resolve("data/kernels/rivulet"), kernelDir.resolve("lib"),
                Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** Runs {@code script args} with the private Jupyter dirs; returns stdout; fails on a non-zero exit. */
    String python(List<String> args, Path workDir, long timeoutSeconds, boolean allowFailure)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(python.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        privateJupyterDirs(builder.environment());
        Path stdout = home.resolve("stdout-" + System.nanoTime() + ".txt");
        Path stderr = home.resolve("stderr-" + System.nanoTime() + ".txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                fail("Jupyter client did not finish within " + timeoutSeconds + " s: " + command
                        + "\n" + Files.readString(stderr));
            }
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 && !allowFailure) {
                fail("Jupyter client failed (" + process.exitValue() + "): " + command + "\n" + out
                        + "\n" + Files.readString(stderr));
            }
            return out;
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            assertNoKernelLeft();
        }
    }

    /** Points Jupyter at this runner's private directories (kernelspecs, runtime, config). */
    void privateJupyterDirs(Map<String, String> env) {
        env.put("JUPYTER_PATH", home.resolve("data").toString());
        env.put("JUPYTER_DATA_DIR", home.resolve("data").toString());
        env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        env.put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
        env.put("JUPYTER_PLATFORM_DIRS", "1");
        env.remove("JPY_SESSION_NAME");
    }

    /** Kernels started by our clients have their connection file under our runtime dir. */
    void assertNoKernelLeft() throws InterruptedException {
        String marker = home.resolve("runtime").toString();
        List<ProcessHandle> left = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            left.clear();
            ProcessHandle.allProcesses()
                    .filter(p -> CommandLines.of(p).contains(marker))
                    .forEach(left::add);
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100); // a shut-down kernel takes a moment to exit
        } while (System.nanoTime() < deadline);
        left.forEach(ProcessHandle::destroyForcibly);
        fail("kernel processes were left behind: " + left.stream().map(CommandLines::of).toList());
    }

    /** Executes {@code notebook} with nbclient; returns the executed notebook. */
    JsonNode runNotebook(Path notebook, boolean allowErrors) throws IOException, InterruptedException {
        return runNotebook(notebook, allowErrors, notebook.getParent());
    }

    /** Executes {@code notebook} with nbclient, the kernel working in {@code kernelDir}. */
    JsonNode runNotebook(Path notebook, boolean allowErrors, Path kernelDir) throws IOException, InterruptedException {
        return runNotebook(notebook, allowErrors, kernelDir, null);
    }

    /** Executes {@code notebook} with nbclient in the kernelspec {@code kernel} (null: the notebook's own). */
    JsonNode runNotebook(Path notebook, boolean allowErrors, Path kernelDir, String kernel)
            throws IOException, InterruptedException {
        Path out = home.resolve("executed-" + (kernel == null ? "" : kernel + "-") + notebook.getFileName());
        List<String> args = new ArrayList<>(List.of(projectDir.resolve("kernel-ext/scripts/run_notebook.py").toString(),
                notebook.toString(), out.toString(), "--timeout", "240"));
        if (allowErrors) {
            args.add("--allow-errors");
        }
        args.addAll(List.of("--cwd", kernelDir.toString()));
        if (kernel != null) {
            args.addAll(List.of("--kernel", kernel));
        }
        python(args, notebook.getParent(), 600, false);
        return JSON.readTree(out.toFile());
    }

    /**
     * Runs {@code interrupt_run.py} in the kernelspec {@code kernel}: {@code setup}, then
     * {@code longCode} interrupted once it runs, then {@code after}; returns its JSON report
     * (status, outputs, afterStatus, after).
     */
    JsonNode interruptRun(String kernel, String setup, String longCode, String after)
            throws IOException, InterruptedException {
        String out = python(List.of(projectDir.resolve("kernel-ext/src/test/python/interrupt_run.py").toString(),
                kernel, setup, longCode, after), home, 300, false);
        return JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    /** The text of every output in the JSON array {@code outputs}, one per line. */
    static String outputsText(JsonNode outputs) {
        StringBuilder s = new StringBuilder();
        outputs.forEach(o -> s.append(outputText(o)).append('\n'));
        return s.toString();
    }

    /** The elements of a JSON array. */
    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** A notebook {@code name} in this runner's home for the bundled kernel, one code cell per string. */
    Path writeNotebook(String name, String... cells) throws IOException {
        return writeNotebook(home, KernelSpec.NAME, KernelSpec.DISPLAY_NAME, name, cells);
    }

    /** A notebook {@code dir/name} for the kernelspec {@code kernel}, one code cell per string. */
    static Path writeNotebook(Path dir, String kernel, String displayName, String name, String... cells)
            throws IOException {
        var notebook = JSON.createObjectNode();
        var cellArray = notebook.putArray("cells");
        for (String source : cells) {
            var cell = cellArray.addObject();
            cell.put("cell_type", "code").put("execution_count", (Integer) null);
            cell.putObject("metadata");
            cell.putArray("outputs");
            var lines = cell.putArray("source");
            java.util.Arrays.stream(source.split("(?<=\n)")).forEach(lines::add);
        }
        notebook.putObject("metadata").putObject("kernelspec").put("name", kernel)
                .put("display_name", displayName).put("language", "java");
        notebook.put("nbformat", 4).put("nbformat_minor", 5);
        Path file = dir.resolve(name);
        JSON.writeValue(file.toFile(), notebook);
        return file;
    }

    /** The cells of an executed notebook. */
    static List<JsonNode> cells(JsonNode notebook) {
        List<JsonNode> cells = new ArrayList<>();
        notebook.get("cells").forEach(cells::add);
        return cells;
    }

    /** The cell's source as one string. */
    static String source(JsonNode cell) {
        JsonNode source = cell.get("source");
        if (source.isArray()) {
            StringBuilder s = new StringBuilder();
            source.forEach(line -> s.append(line.asText()));
            return s.toString();
        }
        return source.asText();
    }

    /** The text/plain (or stream text, or error report) of every output of the cell. */
    static List<String> outputTexts(JsonNode cell) {
        List<String> texts = new ArrayList<>();
        JsonNode outputs = cell.get("outputs");
        if (outputs == null) {
            return texts;
        }
        for (JsonNode output : outputs) {
            texts.add(outputText(output));
        }
        return texts;
    }

    static String outputText(JsonNode output) {
        String kind = output.path("output_type").asText(output.path("type").asText());
        if (kind.equals("error")) {
            StringBuilder s = new StringBuilder(output.path("ename").asText()).append(": ")
                    .append(output.path("evalue").asText()).append('\n');
            output.path("traceback").forEach(line -> s.append(line.asText()).append('\n'));
            return s.toString();
        }
        if (output.has("text")) {
            return joined(output.get("text"));
        }
        return joined(output.path("data").path("text/plain"));
    }

    private static String joined(JsonNode text) {
        if (text.isArray()) {
            StringBuilder s = new StringBuilder();
            text.forEach(line -> s.append(line.asText()));
            return s.toString();
        }
        return text.asText();
    }

    static void assertNoErrors(Path notebook, JsonNode executed) {
        for (JsonNode cell : cells(executed)) {
            for (JsonNode output : cell.path("outputs")) {
                assertThat(output.path("output_type").asText())
                        .as("cell of %s:\n%s\nfailed with:\n%s", notebook.getFileName(), source(cell), outputText(output))
                        .isNotEqualTo("error");
            }
        }
    }
}
