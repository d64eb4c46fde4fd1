package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through nbclient and jupyter_client against the bundled kernel: notebooks written the way people
 * write them (streams, branches, windows, paths, locks and connections held in variables) run on
 * {@code %spawn_cluster}; what cannot travel, a misspelt flow and a wrapped interrupt each read as
 * one clear message with no internal frames.
 */
class ShippingNotebookIT {

    @TempDir
    static Path home;
    static JupyterRunner jupyter;

    @BeforeAll
    static void kernelspec() throws IOException {
        jupyter = new JupyterRunner(home);
    }

    @Test
    void variablesUsedOnlyToBuildTheFlowStayInTheNotebookAndWhatCannotTravelIsOneMessage() throws Exception {
        String readings = jupyter.projectDir.resolve("examples/data/readings.jsonl").toString();
        String compare = "var local = %run_main flow\nvar remote = %spawn_cluster -p2 flow\n"
                + "local.sortOn(local.columnNames().toArray(new String[0])).printAll()"
                + ".equals(remote.sortOn(remote.columnNames().toArray(new String[0])).printAll())";
        Path notebook = jupyter.writeNotebook("held.ipynb",
                // 0-2: the README's windows example, with the stream, the path and the windowed stream in variables
                "record Reading(String sensor, Instant at, double value) implements java.io.Serializable {}\n"
                        + "var file = Path.of(\"" + readings + "\");\n"
                        + "Object lock = new Object();\n"
                        + "java.net.Socket connection = new java.net.Socket();\n"
                        + "double limit = 50.0;",
                "var flow = new Dataflow(\"sensor-maxima\");\n"
                        + "var bySensor = flow.input(\"readings\", Sources.jsonLines(file, Reading.class))\n"
                        + "    .keyBy(\"by-sensor\", Reading::sensor);\n"
                        + "WindowedStream<String, Reading, Double> maxima = bySensor.foldWindow(\"max-per-minute\",\n"
                        + "    WindowClock.watermark(Reading::at, Duration.ofSeconds(5)),\n"
                        + "    Windower.tumbling(Duration.ofMinutes(1), Instant.EPOCH),\n"
                        + "    () -> Double.NEGATIVE_INFINITY, (max, r) -> Math.max(max, r.value()));\n"
                        + "synchronized (lock) { maxima.capture(\"maxima\"); }\n"
                        + "bySensor.filter(\"hot\", r -> r.value() > limit).capture(\"hot-readings\");\n"
                        + "bySensor.collectWindow(\"session\", WindowClock.watermark(Reading::at, Duration.ZERO),\n"
                        + "    Windower.session(Duration.ofMinutes(5))).map(\"n\", w -> w.value().size()).capture(\"sessions\");\n"
                        + "connection.isConnected()",
                compare,
                // 3-4: a branch held in a variable
                "var flow = new Dataflow(\"parts\");\n"
                        + "var split = flow.input(\"nums\", Sources.testing(List.of(1, 2, 3, 4, 5))).branch(\"even\", x -> x % 2 == 0);\n"
                        + "split.trues().map(\"half\", x -> x / 2).capture(\"halves\");\n"
                        + "split.falses().map(\"neg\", x -> -x).capture(\"negs\");",
                compare,
                // 5-6: a function that really reads a non-serializable variable is refused by name
                "var guarded = new Dataflow(\"guarded\");\n"
                        + "guarded.input(\"in\", Sources.testing(List.of(1)))\n"
                        + "    .map(\"locked\", x -> { synchronized (lock) { return x; } }).capture(\"out\");",
                "%spawn_cluster -p2 guarded",
                // 7-8: a cell record that is not Serializable, travelling inside a source
                "record Trade(String symbol, double price) {}\n"
                        + "var trades = new Dataflow(\"trades\");\n"
                        + "trades.input(\"ticks\", Sources.testing(List.of(new Trade(\"A\", 1.5)))).capture(\"out\");",
                "%spawn_cluster -p2 trades",
                // 9: a misspelt flow
                "%run_main flwo",
                // 10
                "dev.rivulet.notebook.NotebookClusters.closeAll();\ndev.rivulet.notebook.NotebookClusters.workerPids().size()");
        List<JsonNode> cells = JupyterRunner.cells(jupyter.runNotebook(notebook, true));
        assertThat(errors(cells.get(1))).isEmpty();
        assertThat(lastText(cells.get(2))).isEqualTo("true");
        assertThat(lastText(cells.get(4))).isEqualTo("true");

        String refused = errorText(cells.get(6));
        assertThat(refused).contains("step 'locked'").contains("`lock`").contains("java.lang.Object")
                .contains("create it inside the function");
        assertNoInternalFrames(refused);

        String record = errorText(cells.get(8));
        assertThat(record).contains("step 'ticks'").contains("record `Trade` is not Serializable")
                .contains("add `implements java.io.Serializable`");
        assertNoInternalFrames(record);

        String typo = errorText(cells.get(9));
        assertThat(typo).contains("there is no variable `flwo`").contains("did you mean `flow`?");
        assertThat(typo).doesNotContain("cannot find symbol");
        assertNoInternalFrames(typo);
        assertThat(lastText(cells.get(10))).isEqualTo("0");
    }

    @Test
    void anInterruptIsCancelledEvenWhenTheUsersCodeWrapsIt() throws Exception {
        String setup = "var flow = new Dataflow(\"wrapping\");\n"
                + "flow.input(\"numbers\", Sources.range(0, Long.MAX_VALUE))\n"
                + "    .map(\"sleepy\", n -> { try { Thread.sleep(1); } catch (InterruptedException e) {"
                + " throw new RuntimeException(\"wrapped\", e); } return n; })\n"
                + "    .capture(\"out\");";
        JsonNode result = jupyter.interruptRun(KernelSpec.NAME, setup, "%run_main --workers 2 --epoch-interval 0.1 flow", "1 + 1");
        assertThat(result.path("status").asText()).isEqualTo("error");
        String outputs = JupyterRunner.outputsText(result.path("outputs"));
        assertThat(outputs).contains("wrapping: cancelled").contains("cancelled (interrupted)")
                .doesNotContain("wrapping: failed");
        assertNoInternalFrames(outputs);
        assertThat(result.path("afterStatus").asText()).isEqualTo("ok");
    }

    private static void assertNoInternalFrames(String text) {
        assertThat(text).doesNotContain("JobPacker").doesNotContain("Magics.applyLineMagic")
                .doesNotContain("Caused by:").doesNotContain("dev.rivulet.kernel.").doesNotContain("REPL.$JShell");
    }

    private static List<JsonNode> errors(JsonNode cell) {
        return JupyterRunner.elements(cell.path("outputs")).stream().filter(o -> o.path("output_type").asText().equals("error")).toList();
    }

    private static String errorText(JsonNode cell) {
        List<JsonNode> errors = errors(cell);
        assertThat(errors).as(cell.toString()).hasSize(1);
        return JupyterRunner.outputText(errors.get(0));
    }

    private static String lastText(JsonNode cell) {
        List<String> texts = JupyterRunner.outputTexts(cell);
        assertThat(texts).as(cell.toString()).isNotEmpty();
        return texts.get(texts.size() - 1).trim();
    }

}
