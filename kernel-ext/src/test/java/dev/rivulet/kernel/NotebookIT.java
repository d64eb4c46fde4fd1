package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: real Jupyter clients (nbclient, jupyter_client) drive the freshly built bundled
 * kernel. Every notebook in {@code notebooks/} runs top to bottom; the quick start's table
 * matches a plain Java count; a failing step and an interrupt show what the user must see.
 */
class NotebookIT {

    @TempDir
    static Path home;
    static JupyterRunner jupyter;

    @BeforeAll
    static void kernelspec() throws IOException {
        jupyter = new JupyterRunner(home);
    }

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(jupyter.projectDir.resolve("notebooks"))) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    void everyNotebookRunsTopToBottomAndTheQuickstartCountsLikePlainJava() throws Exception {
        List<Path> notebooks = notebooks();
        assertThat(notebooks).extracting(p -> p.getFileName().toString()).contains("01-quickstart.ipynb");
        for (Path notebook : notebooks) {
            JsonNode executed = jupyter.runNotebook(notebook, false);
            JupyterRunner.assertNoErrors(notebook, executed);
            assertNoStderr(notebook, executed);
            checkResults(jupyter.projectDir, notebook, executed);
        }
    }

    /** No red box: nothing on stderr (logs, warnings) in any shipped notebook. */
    static void assertNoStderr(Path notebook, JsonNode executed) {
        for (JsonNode cell : JupyterRunner.cells(executed)) {
            for (JsonNode output : cell.path("outputs")) {
                assertThat(output.path("name").asText()).as("stderr of a cell of %s:\n%s\n%s",
                        notebook.getFileName(), JupyterRunner.source(cell), JupyterRunner.outputText(output))
                        .isNotEqualTo("stderr");
            }
        }
    }

    /** What each notebook of {@code notebooks/} must show once executed (in any of the kernels). */
    static void checkResults(Path projectDir, Path notebook, JsonNode executed) throws IOException {
        switch (notebook.getFileName().toString()) {
            case "01-quickstart.ipynb" -> checkQuickstart(projectDir, executed);
            case "02-windows.ipynb" -> {
                assertThat(outputOf(executed, "Table perMinute = %run_main --epoch-interval 0")).contains("sensor-minutes: done")
                        .contains("minutes · 30 rows");
                // the live chart's last picture, and the chart of the result: SVG with title and axes
                assertThat(svgOf(cellOf(executed, "Table perMinute = %run_main --epoch-interval 0")))
                        .contains(">Mean per minute, by sensor<").contains(">start (2026-03-01, UTC)<");
                assertThat(svgOf(cellOf(executed, "Charts.bar(perMinute")))
                        .contains(">Readings per minute and sensor<").contains(">readings<").contains(">09:00:00<");
                assertThat(outputOf(executed, "lateItems()")).isEqualTo("2 late reading(s)");
            }
            case "03-recovery.ipynb" -> {
                assertThat(outputOf(executed, "Notebook.runMain")).contains("the run crashed");
                // the resumed run continues from 15: the first five numbers are not read again
                assertThat(outputOf(executed, "asList()")).isEqualTo("[21, 28, 36, 45, 55]");
            }
            case "04-scaling.ipynb" -> {
                assertThat(outputOf(executed, "sums.rowCount()"))
                        .contains("100 keys, the same as in the kernel: true");
                assertThat(outputOf(executed, "clusterMap.equals(kernelCounts)"))
                        .contains("the same counts as one worker in the kernel: true");
            }
            case "05-kafka.ipynb" -> {
                // read live from a real broker: the run ends once the topic is idle, every user counted
                assertThat(outputOf(executed, "Table perUser = %run_main")).contains("live-clicks: done");
                assertThat(outputOf(executed, "writer.join()")).matches("\"?\\d+ clicks counted, of 150 written\"?");
                assertThat(outputOf(executed, "broker.bootstrapServers()")).contains("127.0.0.1:");
            }
            default -> {
            }
        }
    }

    /** All text outputs of the first code cell whose source contains {@code marker}, joined. */
    static String outputOf(JsonNode executed, String marker) {
        return String.join("\n", JupyterRunner.outputTexts(cellOf(executed, marker))).trim();
    }

    static JsonNode cellOf(JsonNode executed, String marker) {
        for (JsonNode cell : executed.get("cells")) {
            if (isCode(cell) && JupyterRunner.source(cell).contains(marker)) {
                return cell;
            }
        }
        throw new AssertionError("no code cell contains " + marker);
    }

    /** The SVG picture among the cell's outputs (the last one, for a live chart). */
    static String svgOf(JsonNode cell) {
        String svg = null;
        for (JsonNode output : cell.path("outputs")) {
            JsonNode data = output.path("data").path("image/svg+xml");
            if (!data.isMissingNode()) {
                // a saved notebook keeps a multi-line text as a list of lines
                StringBuilder text = new StringBuilder(data.isArray() ? "" : data.asText());
                data.forEach(line -> text.append(line.asText()));
                svg = text.toString();
            }
        }
        assertThat(svg).as("an SVG output of %s", JupyterRunner.source(cell)).isNotNull().startsWith("<svg");
        return svg;
    }

    private static void checkQuickstart(Path projectDir, JsonNode executed) throws IOException {
        // the notebook reads the book's lines 100,000 times (numbers 0..499,999, one line each)
        Map<String, Long> expected = new TreeMap<>();
        List<String> book = Files.readAllLines(projectDir.resolve("examples/data/book.txt"));
        for (String line : book) {
            for (String word : line.toLowerCase().split("\\W+")) {
                if (!word.isEmpty()) {
                    expected.merge(word, 500_000L / book.size(), Long::sum);
                }
            }
        }
        long top = expected.values().stream().max(Long::compare).orElseThrow();
        String topWord = expected.entrySet().stream().filter(e -> e.getValue() == top).findFirst().orElseThrow().getKey();

        List<JsonNode> cells = JupyterRunner.cells(executed);
        JsonNode runCell = cells.stream().filter(c -> isCode(c) && JupyterRunner.source(c).contains("%run_main flow")).findFirst().orElseThrow();
        String live = String.join("\n", JupyterRunner.outputTexts(runCell));
        assertThat(live).contains("wordcount: done · 500,000 items read").contains("counts · " + expected.size() + " rows");

        JsonNode topCell = cells.stream().filter(c -> isCode(c) && JupyterRunner.source(c).contains("sortOn")).findFirst().orElseThrow();
        String table = JupyterRunner.outputTexts(topCell).get(0);
        List<String[]> rows = table.lines().skip(3).map(l -> l.trim().replace(",", "").split("\\s+")).toList();
        assertThat(rows).hasSize(10);
        assertThat(rows.get(0)).containsExactly(topWord, Long.toString(top));
        List<String> expectedTop10 = expected.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(e -> e.getKey() + " " + e.getValue()).toList();
        assertThat(rows.stream().map(r -> String.join(" ", r)).toList()).isEqualTo(expectedTop10);

        // %spawn_cluster on two worker JVMs gives the same top ten as %run_main, and no JVM is left.
        JsonNode sameCell = cells.stream().filter(c -> isCode(c) && JupyterRunner.source(c).contains("clusterCounts.sortOn"))
                .findFirst().orElseThrow();
        assertThat(svgOf(cellOf(executed, "Charts.bar(top"))).contains(">The ten most frequent words<")
                .contains(">word<").contains(">count<");
        assertThat(JupyterRunner.outputTexts(sameCell)).containsExactly("true");
        JsonNode diagram = cells.stream().filter(c -> isCode(c) && JupyterRunner.source(c).startsWith("%dataflow"))
                .findFirst().orElseThrow();
        assertThat(diagram.toString()).contains("<svg").contains("by-word");
    }

    @Test
    void notebookCodeRunsTheSameOnWorkerJvmsAndTravelsByValue() throws Exception {
        String compare = "%run_main flow\nvar local = lastResult().sortOn(\"value\").printAll();\n"
                + "var remote = %spawn_cluster -p2 flow\nlocal.equals(remote.sortOn(\"value\").printAll())";
        Path notebook = jupyter.writeNotebook("shipping.ipynb",
                "record Point(int x, int y) implements java.io.Serializable {}",
                "class Scaler implements java.io.Serializable { int f; Scaler(int f) { this.f = f; }"
                        + " int apply(int v) { return v * f; } }",
                "int k = 3;",
                "int twice(int v) { return v * 2; }",
                "var flow = new Dataflow(\"shipping\");\n"
                        + "flow.input(\"in\", Sources.range(0, 12, 3))\n"
                        + "    .map(\"point\", x -> new Point((int) (long) x, twice((int) (long) x) * k))\n"
                        + "    .map(\"scale\", p -> new Point(p.x(), new Scaler(10).apply(p.y())))\n"
                        + "    .flatMap(\"anonymous\", new dev.rivulet.fn.FlatMapFn<Point, Point>() {\n"
                        + "        public Iterable<Point> apply(Point p) { return List.of(p, new Point(-p.x(), -p.y())); } })\n"
                        + "    .map(\"describe\", String::valueOf)\n"
                        + "    .capture(\"out\");",
                compare,
                "var pids = dev.rivulet.notebook.NotebookClusters.workerPids();\n"
                        + "%spawn_cluster -p2 flow\npids.equals(dev.rivulet.notebook.NotebookClusters.workerPids()) && pids.size() == 2",
                "k = 5;",
                compare,
                "remote.column(\"value\").asList().contains(\"Point[x=1, y=100]\")",
                "int twice(int v) { return v * 4; }",
                compare,
                "Object lock = new Object();\nvar guarded = new Dataflow(\"guarded\");\n"
                        + "guarded.input(\"in\", Sources.testing(List.of(1))).map(\"locked\", x -> { synchronized (lock) { return x; } })"
                        + ".capture(\"out\");",
                "%spawn_cluster -p2 guarded",
                "dev.rivulet.notebook.NotebookClusters.closeAll();\ndev.rivulet.notebook.NotebookClusters.workerPids().size()",
                "var shows = new Dataflow(\"shows\");\n"
                        + "shows.input(\"in\", Sources.testing(List.of(1))).map(\"show\", x -> { display(x); return x; })"
                        + ".capture(\"out\");",
                "%spawn_cluster -p2 shows");
        List<JsonNode> cells = JupyterRunner.cells(jupyter.runNotebook(notebook, true));
        // cell records, classes, anonymous classes, method references and cell methods: same results
        assertThat(lastText(cells.get(5))).isEqualTo("true");
        // a second run reuses the warm worker JVMs
        assertThat(lastText(cells.get(6))).isEqualTo("true");
        // a variable changed between runs: the workers see its value at submit time
        assertThat(lastText(cells.get(8))).isEqualTo("true");
        assertThat(lastText(cells.get(9))).isEqualTo("true");
        // a redefined cell method
        assertThat(lastText(cells.get(11))).isEqualTo("true");
        // a notebook variable that cannot be copied to the workers is named, with its step
        assertThat(String.join("\n", JupyterRunner.outputTexts(cells.get(13))))
                .contains("step 'locked'").contains("`lock`");
        assertThat(lastText(cells.get(14))).isEqualTo("0");
        // notebook-only functions in worker code are refused before anything starts
        assertThat(String.join("\n", JupyterRunner.outputTexts(cells.get(16))))
                .contains("step 'show' uses display(...)");
    }

    private static String lastText(JsonNode cell) {
        List<String> texts = JupyterRunner.outputTexts(cell);
        assertThat(texts).as(cell.toString()).isNotEmpty();
        return texts.get(texts.size() - 1).trim();
    }

    @Test
    void aFailingStepShowsTheStepTheItemAndTheCauseAndTheKernelGoesOn() throws Exception {
        Path notebook = jupyter.writeNotebook("failing.ipynb",
                "var flow = new Dataflow(\"parse\");\n"
                        + "flow.input(\"in\", Sources.testing(List.of(\"1\", \"2\", \"x\", \"4\")))\n"
                        + "    .map(\"parse\", s -> Integer.parseInt(s))\n"
                        + "    .capture(\"out\");",
                "%run_main flow",
                "%run_main --workers zero flow",
                "1 + 1");
        List<JsonNode> cells = JupyterRunner.cells(jupyter.runNotebook(notebook, true));

        String failure = String.join("\n", JupyterRunner.outputTexts(cells.get(1)));
        assertThat(failure)
                .contains("parse: failed")                       // the live table's final state
                .contains("step:   parse (map)")
                .contains("item:   \"x\"")
                .contains("NumberFormatException: For input string: \"x\"")
                .doesNotContain("dev.rivulet.kernel.")
                .doesNotContain("dev.rivulet.engine.");
        assertThat(String.join("\n", JupyterRunner.outputTexts(cells.get(2))))
                .contains("--workers needs a whole number of at least 1, got 'zero'")
                .contains("usage: %run_main");
        assertThat(JupyterRunner.outputTexts(cells.get(3))).containsExactly("2");
    }

    @Test
    void anInterruptedSpawnClusterAndAKernelShutdownLeaveNoWorkerJvm() throws Exception {
        String setup = "var flow = new Dataflow(\"endless\");\n"
                + "flow.input(\"numbers\", Sources.range(0, Long.MAX_VALUE))\n"
                + "    .map(\"slow\", n -> { java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); return n; })\n"
                + "    .capture(\"out\");";
        JsonNode result = jupyter.interruptRun(KernelSpec.NAME, setup, "%spawn_cluster -p2 --epoch-interval 0.1 flow",
                "dev.rivulet.notebook.NotebookClusters.workerPids().size()");
        assertThat(result.path("status").asText()).isEqualTo("error");
        String outputs = JupyterRunner.outputsText(result.path("outputs"));
        assertThat(outputs).contains("endless: cancelled");
        // the interrupted run's worker JVMs are gone at once...
        String after = JupyterRunner.outputsText(result.path("after"));
        assertThat(after.trim()).isEqualTo("0");
        // ...and after the kernel's shutdown no worker JVM of any kernel is left
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (workerJvms() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(workerJvms()).isZero();
    }

    /** Worker JVMs started from this build (other checkouts on the machine may run their own). */
    private static long workerJvms() {
        String build = jupyter.projectDir.toString();
        return ProcessHandle.allProcesses()
                .map(CommandLines::of)
                .filter(line -> line.contains("cluster.internals.WorkerProcessMain") && line.contains(build))
                .count();
    }

    @Test
    void anInterruptCancelsTheRunPromptlyAndTheKernelStaysUsable() throws Exception {
        String setup = "var flow = new Dataflow(\"endless\");\n"
                + "flow.input(\"numbers\", Sources.range(0, Long.MAX_VALUE))\n"
                + "    .map(\"slow\", n -> { java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); return n; })\n"
                + "    .capture(\"out\");";
        JsonNode result = jupyter.interruptRun(KernelSpec.NAME, setup, "%run_main --epoch-interval 0.1 flow", "1 + 1");

        assertThat(result.path("status").asText()).isEqualTo("error");
        String outputs = JupyterRunner.outputsText(result.path("outputs"));
        assertThat(outputs).contains("endless: cancelled").contains("cancelled (interrupted)");
        // the run ended through the interrupt itself, not the watchdog that stops ignoring code
        assertThat(outputs).doesNotContain("did not stop within");
        assertThat(result.path("afterStatus").asText()).isEqualTo("ok");
        assertThat(JupyterRunner.elements(result.path("after")).stream().map(JupyterRunner::outputText).toList()).containsExactly("2");
    }

    static boolean isCode(JsonNode cell) {
        return cell.path("cell_type").asText().equals("code");
    }

}
