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
 * Through nbclient against the bundled kernel: {@code %flink_run -p 2} runs a notebook flow on the
 * kernel's Flink mini cluster, with a cell record travelling through it and a lambda reading a
 * notebook variable, and returns the same tables as {@code %run_main}. The cell classes reach the
 * TaskManager only in the job jar (Flink's user-code class loader), the variable only as the
 * shipped value: a lost class or an unrestored variable (0) would change the tables.
 */
class FlinkNotebookIT {

    @TempDir
    static Path home;
    static JupyterRunner jupyter;

    @BeforeAll
    static void kernelspec() throws IOException {
        jupyter = new JupyterRunner(home);
    }

    @Test
    void flinkRunShipsCellClassesAndVariablesAndReturnsTheTablesOfRunMain() throws Exception {
        Path notebook = jupyter.writeNotebook("flink.ipynb",
                // 0: a cell record and a variable read by a lambda at run time
                "record Trade(String symbol, int qty) implements java.io.Serializable {}\n"
                        + "int factor = 1;\n"
                        + "String sorted(Table t) { return t.sortOn(t.columnNames().toArray(new String[0])).printAll(); }",
                // 1
                "var flow = new Dataflow(\"trades\");\n"
                        + "var scaled = flow.input(\"ticks\", Sources.testing(List.of(new Trade(\"A\", 1), new Trade(\"B\", 2),"
                        + " new Trade(\"A\", 3), new Trade(\"C\", 4))))\n"
                        + "    .map(\"scale\", t -> new Trade(t.symbol(), t.qty() * factor));\n"
                        + "scaled.capture(\"scaled\");\n"
                        + "scaled.keyBy(\"by-symbol\", Trade::symbol).map(\"qty\", Trade::qty)"
                        + ".reduce(\"total\", Integer::sum).capture(\"totals\");\n"
                        + "factor = 10;",
                // 2
                "var local = %run_main flow\n"
                        + "var localTotals = dev.rivulet.notebook.Notebook.lastTables().get(\"totals\");",
                // 3
                "var onFlink = %flink_run -p 2 flow\n"
                        + "var flinkTotals = dev.rivulet.notebook.Notebook.lastTables().get(\"totals\");",
                // 4
                "sorted(local).equals(sorted(onFlink)) + \" \" + sorted(localTotals).equals(sorted(flinkTotals))"
                        + " + \" \" + sorted(flinkTotals).replaceAll(\"\\\\s+\", \" \").trim()",
                // 5
                "%flink_run -p 2 --master nohost flow");
        List<JsonNode> cells = JupyterRunner.cells(jupyter.runNotebook(notebook, true));
        for (int i = 0; i <= 4; i++) {
            assertThat(errors(cells.get(i))).as("cell %d: %s", i, cells.get(i)).isEmpty();
        }
        // the live table of the Flink run, as for %run_main
        assertThat(cells.get(3).path("outputs").toString()).contains("trades");
        String compared = lastText(cells.get(4));
        assertThat(compared).startsWith("true true").contains("A | 40").contains("B | 20").contains("C | 40");

        String badMaster = JupyterRunner.outputText(errors(cells.get(5)).get(0));
        assertThat(badMaster).contains("host:port").contains("nohost").doesNotContain("Caused by:");
    }

    /**
     * {@code %flink_run --master host:port -p2} against a real standalone Flink cluster (a
     * JobManager and a TaskManager with two slots, JVMs this test starts and always stops): the
     * job jar carries the cell record's class and the variable the lambda reads to the
     * TaskManager's JVM, and the returned tables are those of {@code %run_main}.
     */
    @Test
    void flinkRunWithMasterRunsOnARealClusterAndReturnsTheTablesOfRunMain(@TempDir Path dir) throws Exception {
        try (dev.rivulet.flink.StandaloneFlinkCluster cluster = new dev.rivulet.flink.StandaloneFlinkCluster(
                dir.resolve("cluster"), 1, 2)) {
            Path notebook = jupyter.writeNotebook("flink-cluster.ipynb",
                    // 0: a cell record and a variable read by a lambda at run time
                    "record Order(String item, int count) implements java.io.Serializable {}\n"
                            + "int multiplier = 1;\n"
                            + "String sorted(Table t) { return t.sortOn(t.columnNames().toArray(new String[0])).printAll(); }",
                    // 1
                    "var flow = new Dataflow(\"orders\");\n"
                            + "flow.input(\"orders\", Sources.testing(List.of(new Order(\"pen\", 1), new Order(\"ink\", 2),"
                            + " new Order(\"pen\", 3))))\n"
                            + "    .map(\"scale\", o -> new Order(o.item(), o.count() * multiplier))\n"
                            + "    .keyBy(\"by-item\", Order::item).map(\"count\", Order::count)"
                            + ".reduce(\"total\", Integer::sum).capture(\"totals\");\n"
                            + "multiplier = 7;",
                    // 2
                    "var local = %run_main flow",
                    // 3
                    "var remote = %flink_run --master " + cluster.master() + " -p2 flow",
                    // 4
                    "sorted(local).equals(sorted(remote)) + \" \" + sorted(remote).replaceAll(\"\\\\s+\", \" \").trim()");
            List<JsonNode> cells = JupyterRunner.cells(jupyter.runNotebook(notebook, true));
            for (int i = 0; i <= 4; i++) {
                assertThat(errors(cells.get(i))).as("cell %d: %s\nJobManager: %s", i, cells.get(i),
                        cluster.log("jobmanager")).isEmpty();
            }
            assertThat(lastText(cells.get(4))).startsWith("true").contains("pen | 28").contains("ink | 14");
        }
    }

    private static List<JsonNode> errors(JsonNode cell) {
        List<JsonNode> errors = new java.util.ArrayList<>();
        cell.path("outputs").forEach(o -> {
            if (o.path("output_type").asText().equals("error")) {
                errors.add(o);
            }
        });
        return errors;
    }

    private static String lastText(JsonNode cell) {
        List<String> texts = JupyterRunner.outputTexts(cell);
        assertThat(texts).as(cell.toString()).isNotEmpty();
        return texts.get(texts.size() - 1).trim();
    }
}
