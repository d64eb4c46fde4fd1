package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * A notebook of what {@code %spawn_cluster} must ship, and of the errors a user must read, written
 * so that it runs unchanged in every kernel (explicit imports, {@code Table t = %magic}, no
 * kernel-specific functions): cell records and classes, an anonymous class, a method reference, a
 * lambda reading a notebook variable that changes between runs, a redefined cell method, and
 * {@code -p2 -w2} giving {@code %run_main}'s table; a variable that cannot travel, a mistyped flow
 * variable, a failing step and the option spellings.
 */
final class ShippingCases {
    private static final String COMPARE = "Table local = %run_main flow\n"
            + "Table remote = %spawn_cluster -p2 -w2 flow\n"
            + "local.sortOn(\"value\").printAll().equals(remote.sortOn(\"value\").printAll())";

    private ShippingCases() {
    }

    static final String[] CELLS = {
        "import dev.rivulet.*;\nimport dev.rivulet.io.*;\nimport tech.tablesaw.api.*;\nimport java.util.*;",
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
        COMPARE,                                                                           // 6
        "k = 5;",
        COMPARE,                                                                           // 8
        "remote.column(\"value\").asList().contains(\"Point[x=1, y=100]\")",               // 9
        "int twice(int v) { return v * 4; }",
        COMPARE,                                                                           // 11
        "Object lock = new Object();\nvar guarded = new Dataflow(\"guarded\");\n"
                + "guarded.input(\"in\", Sources.testing(List.of(1))).map(\"locked\", x -> { synchronized (lock) { return x; } })"
                + ".capture(\"out\");",
        "Table guardedTable = %spawn_cluster -p2 guarded",                                 // 13
        "Table typo = %run_main flw",                                                      // 14
        "var parse = new Dataflow(\"parse\");\n"
                + "parse.input(\"in\", Sources.testing(List.of(\"1\", \"2\", \"x\", \"4\")))\n"
                + "    .map(\"parse\", s -> Integer.parseInt(s))\n"
                + "    .capture(\"out\");",
        "Table parsed = %run_main parse",                                                  // 16
        "Table w2 = %run_main -w2 flow\nTable w_2 = %run_main -w 2 flow\nTable workers2 = %run_main --workers=2 flow\n"
                + "w2.rowCount() + \" \" + w_2.rowCount() + \" \" + workers2.rowCount()",          // 17
        "dev.rivulet.notebook.NotebookClusters.closeAll();\ndev.rivulet.notebook.NotebookClusters.workerPids().size()",
        "Table bad = %run_main flow.nosuch()",                                             // 19
    };

    /** Runs the notebook in {@code kernel} and checks every case; throws AssertionError naming the first miss. */
    static void check(JupyterRunner jupyter, Path dir, String kernel) throws Exception {
        Path notebook = JupyterRunner.writeNotebook(dir, kernel, kernel, "shipping-cases-" + kernel + ".ipynb", CELLS);
        List<JsonNode> cells = JupyterRunner.cells(jupyter.runNotebook(notebook, true, dir, kernel));
        for (int setup : new int[] {0, 1, 2, 3, 4, 5, 7, 10, 12, 15}) {
            assertThat(errors(cells.get(setup))).as("cell %d: %s", setup, CELLS[setup]).isEmpty();
        }
        // records, classes, anonymous classes, method references, cell methods: -p2 -w2 == %run_main
        assertThat(last(cells.get(6))).as("cell records and classes on -p2 -w2").isEqualTo("true");
        // a variable changed between runs: the workers see its value at submit time
        assertThat(last(cells.get(8))).as("a changed variable").isEqualTo("true");
        assertThat(last(cells.get(9))).as("the changed variable's value on the workers").isEqualTo("true");
        assertThat(last(cells.get(11))).as("a redefined cell method").isEqualTo("true");
        assertThat(all(cells.get(13))).as("a variable that cannot travel").contains("step 'locked'").contains("`lock`");
        assertThat(all(cells.get(14))).as("a mistyped flow variable")
                .contains("there is no variable `flw` in the notebook; did you mean `flow`?")
                .doesNotContain(": null").doesNotContain("REJECTED").doesNotContain("bGluZU1hZ2lj");
        assertThat(all(cells.get(19))).as("an expression that does not compile: the compiler's diagnostic")
                .contains("cannot evaluate 'flow.nosuch()'").contains("cannot find symbol").contains("nosuch")
                .doesNotContain(": null").doesNotContain("REJECTED").doesNotContain("bGluZU1hZ2lj");
        assertThat(all(cells.get(16))).as("a failing step")
                .contains("parse: failed").contains("step:   parse (map)").contains("item:   \"x\"")
                .contains("NumberFormatException");
        // what the front end shows of a failed magic (the traceback): Rivulet's message, not the kernel's frames
        for (int failed : new int[] {13, 14, 16, 19}) {
            assertThat(traceback(cells.get(failed))).as("traceback of %s", CELLS[failed]).isNotBlank()
                    .doesNotContain("\tat io.github.spencerpark").doesNotContain("\tat org.dflib")
                    .doesNotContain("while running line magic");
        }
        assertThat(last(cells.get(17))).as("-w2, -w 2 and --workers=2").isEqualTo("24 24 24");
        assertThat(last(cells.get(18))).as("worker JVMs after closeAll").isEqualTo("0");
    }

    private static List<String> errors(JsonNode cell) {
        List<String> errors = new java.util.ArrayList<>();
        for (JsonNode output : cell.path("outputs")) {
            if (output.path("output_type").asText().equals("error")) {
                errors.add(JupyterRunner.outputText(output));
            }
        }
        return errors;
    }

    private static String traceback(JsonNode cell) {
        StringBuilder lines = new StringBuilder();
        for (JsonNode output : cell.path("outputs")) {
            output.path("traceback").forEach(line -> lines.append(line.asText().replaceAll("\u001B\\[[;\\d]*m", ""))
                    .append('\n'));
        }
        return lines.toString();
    }

    private static String all(JsonNode cell) {
        return String.join("\n", JupyterRunner.outputTexts(cell));
    }

    private static String last(JsonNode cell) {
        List<String> texts = JupyterRunner.outputTexts(cell);
        assertThat(texts).as("outputs of %s", JupyterRunner.source(cell)).isNotEmpty();
        return texts.get(texts.size() - 1).trim().replaceAll("^\"|\"$", "");
    }
}
