package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a notebook shows, message by message, through a real Jupyter client against the built
 * kernel: the live table's progress while a run goes on (input counts before any capture, in the
 * kernel and from worker JVMs), charts as SVG with a title and axes (also live), and clean cell
 * values. Each source pauses half-way ({@code TestingSource} pause), so "half read" is a state the
 * run really stays in and the updates published during the pause show it.
 */
class DisplaysNotebookIT {

    @TempDir
    static Path home;
    static JupyterRunner jupyter;
    private static final Pattern READ = Pattern.compile("· ([\\d,]+) items read");

    @BeforeAll
    static void kernelspec() throws IOException {
        jupyter = new JupyterRunner(home);
    }

    /** Runs {@code cells} in one kernel; returns, per cell, its status and timed outputs. */
    private static List<JsonNode> run(String... cells) throws Exception {
        Path file = home.resolve("cells-" + System.nanoTime() + ".json");
        JupyterRunner.JSON.writeValue(file.toFile(), List.of(cells));
        String out = jupyter.python(List.of(jupyter.projectDir.resolve("kernel-ext/src/test/python/cells_iopub.py")
                .toString(), KernelSpec.NAME, file.toString()), home, 300, false);
        List<JsonNode> results = new ArrayList<>();
        JupyterRunner.JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow()).forEach(results::add);
        return results;
    }

    private static List<JsonNode> outputs(JsonNode cell) {
        List<JsonNode> list = new ArrayList<>();
        cell.path("outputs").forEach(list::add);
        return list;
    }

    private static String text(JsonNode output) {
        return JupyterRunner.outputText(output);
    }

    private static long itemsRead(String status) {
        Matcher m = READ.matcher(status);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    private static final String PAUSED_FLOW = "var words = new ArrayList<String>();\n"
            + "for (int i = 0; i < 2000; i++) words.add(\"w\" + (i % 50));\n"
            + "var flow = new Dataflow(\"paused\");\n"
            + "flow.input(\"words\", TestingSource.<String>builder().items(words.subList(0, 1000))\n"
            + "        .pause(Duration.ofMillis(2500)).items(words.subList(1000, 2000)).build())\n"
            + "    .keyBy(\"by-word\", w -> w)\n"
            + "    .map(\"one\", w -> 1L)\n"
            + "    .reduce(\"count\", Long::sum)\n"
            + "    .capture(\"counts\");";

    /** The live table's updates: input counts rise, the reduce's state shows "so far" before any capture. */
    private static void assertProgressBeforeCapture(JsonNode cell, String flowName) {
        List<JsonNode> live = outputs(cell).stream()
                .filter(o -> o.path("type").asText().endsWith("display_data")
                        && text(o).startsWith(flowName + ":"))
                .toList();
        assertThat(live).as("the live table's display and updates").hasSizeGreaterThan(2);
        List<Long> read = live.stream().map(o -> itemsRead(text(o))).filter(n -> n >= 0).toList();
        assertThat(read).as("items read, update by update").isSortedAccordingTo(Long::compare);
        // Counters and state samples travel separately, and from worker JVMs each process samples its
        // own workers: an early update at 1,000 may lack some of the state, but within the pause one
        // update shows every key.
        JsonNode half = live.stream().filter(o -> itemsRead(text(o)) == 1000 && text(o).contains("so far")
                        && text(o).contains("count so far (not final): 50 keys")).findFirst()
                .orElseThrow(() -> new AssertionError("no update showed the 1,000 items read and all 50 keys so far "
                        + "before the pause: " + live.stream().map(o -> text(o).lines().limit(4).toList()).toList()));
        String shown = text(half);
        // the input's size is known (a list), the run is half-way, and nothing is captured yet
        assertThat(shown).contains(flowName + ": running · 50% · 1,000 items read")
                .contains("counts · count so far (not final): 50 keys, largest values")
                .doesNotContain("counts · 50 rows");
        assertThat(half.path("data").path("text/html").asText()).contains("so far (not final)")
                .doesNotContain("<script");
        String last = text(live.get(live.size() - 1));
        assertThat(last).startsWith(flowName + ": done · 2,000 items read").contains("counts · 50 rows")
                .doesNotContain("so far");
    }

    @Test
    void theLiveTableShowsInputProgressAndTheStateSoFarInTheKernelAndFromWorkerJvms() throws Exception {
        List<JsonNode> cells = run(PAUSED_FLOW,
                "Table t = %run_main flow",
                "Table c = %spawn_cluster -p2 -w2 flow",
                "t.rowCount() + \" \" + c.rowCount()",
                "dev.rivulet.notebook.NotebookClusters.closeAll()");
        assertThat(cells).allSatisfy(c -> assertThat(c.path("status").asText()).as(c.toString()).isEqualTo("ok"));
        assertProgressBeforeCapture(cells.get(1), "paused");
        assertProgressBeforeCapture(cells.get(2), "paused");
        // worker JVMs: first their start-up, then the counts they send back
        String first = text(outputs(cells.get(2)).get(0));
        assertThat(first).startsWith("paused: starting 2 worker JVMs").contains("4 workers");
        assertThat(text(outputs(cells.get(3)).get(0))).isEqualTo("50 50");
    }

    @Test
    void chartsAreSvgWithATitleAndAxesAlsoLiveWhileAWindowFlowRuns() throws Exception {
        String flow = "record R(String sensor, Instant at, double value) implements java.io.Serializable {}\n"
                + "var t0 = Instant.parse(\"2026-03-01T09:00:00Z\");\n"
                + "var rows = new ArrayList<R>();\n"
                + "for (int i = 0; i < 60; i++) rows.add(new R(i % 2 == 0 ? \"a\" : \"b\", t0.plusSeconds(10L * i), i));\n"
                + "var flow = new Dataflow(\"windows\");\n"
                + "flow.input(\"rows\", TestingSource.<R>builder().items(rows.subList(0, 30)).pause(Duration.ofMillis(1500))\n"
                + "        .items(rows.subList(30, 60)).build())\n"
                + "    .keyBy(\"by-sensor\", R::sensor)\n"
                + "    .foldWindow(\"sum\", WindowClock.eventTime(R::at, Duration.ZERO),\n"
                + "        Windower.tumbling(Duration.ofMinutes(1), t0), () -> 0.0, (s, r) -> s + r.value())\n"
                + "    .capture(\"sums\");";
        List<JsonNode> cells = run(flow,
                "Charts.live(flow, \"sums\", r -> Charts.line(r, \"start\", \"value\", \"key\").title(\"Sums so far\"));\n"
                        + "Table sums = %run_main flow",
                "Charts.bar(sums, \"start\", \"value\", \"key\").title(\"Sum per minute\")");
        List<JsonNode> live = outputs(cells.get(1)).stream()
                .filter(o -> o.path("data").has("image/svg+xml")).toList();
        assertThat(live).as("the live chart's display and its redrawings").hasSizeGreaterThan(1);
        String during = live.stream().map(o -> o.path("data").path("image/svg+xml").asText())
                .filter(svg -> svg.contains(">Sums so far<")).findFirst().orElseThrow();
        assertThat(during).startsWith("<svg").contains(">start (2026-03-01, UTC)<").contains(">a<").contains(">b<");
        JsonNode bar = outputs(cells.get(2)).get(0);
        assertThat(bar.path("type").asText()).isEqualTo("execute_result");
        String svg = bar.path("data").path("image/svg+xml").asText();
        assertThat(svg).startsWith("<svg").contains(">Sum per minute<").contains(">09:01:00<")
                .contains(">start (2026-03-01, UTC)<").doesNotContain("<script");
        assertThat(text(bar)).startsWith("bar chart 'Sum per minute'");
    }

    @Test
    void cellValuesReadCleanly() throws Exception {
        List<JsonNode> cells = run(
                "var flow = new Dataflow(\"wc\");\nvar words = flow.input(\"in\", Sources.testing(List.of(\"a b\")))"
                        + ".flatMap(\"split\", l -> List.of(l.split(\" \")));",
                "words",
                "words.keyBy(\"by-word\", w -> w)",
                "display(Charts.bar(Table.create(\"t\", StringColumn.create(\"k\", \"x\"), "
                        + "DoubleColumn.create(\"v\", 54.141999999999996)), \"k\", \"v\"));",
                "Table.create(\"big\", LongColumn.create(\"n\", java.util.stream.LongStream.range(0, 2_000_000).toArray()),"
                        + " DoubleColumn.create(\"x\", java.util.stream.DoubleStream.generate(() -> 3316340.009165568)"
                        + ".limit(2_000_000).toArray()))");
        assertThat(text(outputs(cells.get(1)).get(0)))
                .isEqualTo("DataStream of step 'split' (flatMap), step 2 of 2 in flow 'wc'");
        assertThat(text(outputs(cells.get(2)).get(0)))
                .isEqualTo("KeyedStream of step 'by-word' (keyBy), step 3 of 3 in flow 'wc'");
        // display(x) shows x, and not also the display id it returns
        List<JsonNode> shown = outputs(cells.get(3));
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).path("data").path("image/svg+xml").asText()).contains(">54.142<");
        String big = text(outputs(cells.get(4)).get(0));
        assertThat(big).contains("big: 2,000,000 rows × 2 columns").contains("… 1,999,980 more rows …")
                .contains("1,999,999").contains("3,316,340.009").doesNotContain("3316340.0091");
    }
}
