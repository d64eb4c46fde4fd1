package dev.rivulet.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.Rivulet;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.execution.LocalExecutionControlProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flows built by real JShell snippets (as in a notebook) are packed and opened in a class loader
 * that has never seen the notebook's classes, as a worker JVM would.
 */
class JobPackerTest {
    private JShell shell;

    @BeforeEach
    void startShell() {
        shell = JShell.builder()
                .executionEngine(new LocalExecutionControlProvider(), Map.of())
                .compilerOptions("--class-path", System.getProperty("java.class.path"))
                .build();
        eval("import dev.rivulet.*; import dev.rivulet.io.*; import dev.rivulet.shipping.NotebookHolder;"
                + " import java.util.*; import java.nio.file.*; import java.time.*; import dev.rivulet.window.*;");
    }

    @AfterEach
    void closeShell() {
        shell.close();
    }

    private void eval(String code) {
        String remaining = code;
        while (!remaining.isBlank()) {
            var info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
            for (SnippetEvent event : shell.eval(info.source())) {
                if (event.status() == Snippet.Status.REJECTED || event.exception() != null) {
                    throw new AssertionError("snippet failed: " + info.source() + " → "
                            + shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList()
                            + " " + event.exception());
                }
            }
            remaining = info.remaining();
        }
    }

    private JobPackage packFlow() {
        eval("class Marker {}");
        eval("NotebookHolder.loader = Marker.class.getClassLoader();");
        eval("NotebookHolder.flow = flow;");
        ClassLoader loader = NotebookHolder.loader;
        return JobPacker.pack((Dataflow) NotebookHolder.flow, loader, JobPacker.resourceBytes(loader));
    }

    private static List<Object> runOpened(JobPackage job) throws Exception {
        // The parent knows Rivulet but not the notebook's classes: like a worker JVM.
        JobPackage.Opened opened = job.open(JobPackerTest.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(opened.loader());
        try {
            return Rivulet.runMain(opened.flow()).captured("out");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void notebookVariablesTravelByValueAndRecordsAndMethodsWork() throws Exception {
        eval("int k = 3;");
        eval("record Scaled(int original, int scaled) implements java.io.Serializable {}");
        eval("int triple(int x) { return x * k; }");
        eval("Dataflow flow = new Dataflow(\"nb\");");
        eval("flow.input(\"inp\", Sources.testing(List.of(1, 2, 3)))"
                + ".map(\"scale\", x -> new Scaled(x, triple(x))).capture(\"out\");");
        JobPackage job = packFlow();
        assertThat(job.classes()).isNotEmpty().allSatisfy((name, bytes) -> assertThat(name).startsWith("REPL."));
        assertThat(job.statics()).extracting(JobPackage.StaticValue::field).contains("k");

        eval("k = 100;"); // changing the variable after submit does not change the shipped job
        List<Object> out = runOpened(job);
        assertThat(out).extracting(Object::toString)
                .containsExactly("Scaled[original=1, scaled=3]", "Scaled[original=2, scaled=6]",
                        "Scaled[original=3, scaled=9]");
        assertThat(out.get(0).getClass().getClassLoader()).isNotSameAs(NotebookHolder.loader);
    }

    @Test
    void aVariableHoldingALambdaIsShippedToAFixpoint() throws Exception {
        eval("int offset = 10;");
        eval("dev.rivulet.fn.MapFn<Integer, Integer> shift = x -> x + offset;");
        eval("Dataflow flow = new Dataflow(\"nb2\");");
        eval("flow.input(\"inp\", Sources.testing(List.of(1, 2))).map(\"shift\", x -> shift.apply(x)).capture(\"out\");");
        List<Object> out = runOpened(packFlow());
        assertThat(out).containsExactly(11, 12);
    }

    @Test
    void aNonSerializableVariableIsNamedWithItsStep() {
        eval("Object lock = new Object();");
        eval("Dataflow flow = new Dataflow(\"nb3\");");
        eval("flow.input(\"inp\", Sources.testing(List.of(1))).map(\"guarded\", x -> { synchronized (lock) { return x; } })"
                + ".capture(\"out\");");
        assertThatThrownBy(this::packFlow)
                .isInstanceOf(ShippingException.class)
                .hasMessageContaining("step 'guarded'")
                .hasMessageContaining("`lock`")
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void aCapturedNonSerializableValueNamesTheStep() {
        eval("Dataflow flow = new Dataflow(\"nb4\");");
        eval("void build() { Thread t = new Thread(); flow.input(\"inp\", Sources.testing(List.of(1)))"
                + ".map(\"captures\", x -> t.getName()).capture(\"out\"); }");
        eval("build();");
        assertThatThrownBy(this::packFlow)
                .isInstanceOf(ShippingException.class)
                .hasMessageContaining("step 'captures'")
                .hasMessageContaining("java.lang.Thread");
    }

    @Test
    void aNotebookFlowRunsOnWarmWorkerJvms() throws Exception {
        eval("int k = 7;");
        eval("record Tagged(String word, int n) implements java.io.Serializable {}");
        eval("Dataflow flow = new Dataflow(\"nb-cluster\");");
        eval("flow.input(\"inp\", Sources.range(0, 20, 4)).map(\"tag\", x -> new Tagged(\"w\" + (x % 3), (int) (x * k)))"
                + ".keyBy(\"by-word\", t -> t.word()).map(\"n\", t -> t.n()).reduce(\"sum\", Integer::sum)"
                + ".capture(\"out\");");
        JobPackage job = packFlow();
        Dataflow live = (Dataflow) NotebookHolder.flow;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(NotebookHolder.loader); // as the kernel does while a cell runs
        try (dev.rivulet.cluster.WorkerPool pool = dev.rivulet.cluster.WorkerPool.start(2, 1)) {
            for (int run = 0; run < 2; run++) {
                List<dev.rivulet.KV<String, Integer>> out = pool.run(live, job, dev.rivulet.RunOptions.defaults())
                        .captured("out");
                java.util.Map<String, Integer> sums = new java.util.TreeMap<>();
                out.forEach(kv -> sums.put(kv.key(), kv.value()));
                // 7 * (sum of x in [0,20) with x % 3 == r)
                assertThat(sums).containsExactly(java.util.Map.entry("w0", 7 * 63), java.util.Map.entry("w1", 7 * 70),
                        java.util.Map.entry("w2", 7 * 57));
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void streamsBranchesWindowsPathsLocksAndConnectionsHeldOnlyToBuildTheFlowStayInTheNotebook() throws Exception {
        eval("Object lock = new Object();");
        eval("java.net.Socket connection = new java.net.Socket();");
        eval("Path csv = Path.of(\"does-not-matter.csv\");");
        eval("Dataflow flow = new Dataflow(\"held\");");
        eval("var nums = flow.input(\"inp\", Sources.testing(List.of(1, 2, 3, 4, 5, 6, 21)));");
        eval("var parts = nums.branch(\"even\", x -> x % 2 == 0);");
        eval("var byParity = parts.trues().keyBy(\"k\", x -> \"even\");");
        eval("var windows = byParity.foldWindow(\"per-10s\", WindowClock.watermark((Integer x) -> Instant.ofEpochSecond(x),"
                + " Duration.ZERO), Windower.tumbling(Duration.ofSeconds(10), Instant.EPOCH), () -> 0, (a, x) -> a + x);");
        eval("synchronized (lock) { windows.map(\"sum\", w -> w.value()).capture(\"out\"); }");
        eval("windows.late().capture(\"late\");");
        eval("parts.falses().map(\"tag\", x -> csv.getFileName() == null ? x : -x).capture(\"odd\");"); // reads csv!
        assertThatThrownBy(this::packFlow).isInstanceOf(ShippingException.class)
                .hasMessageContaining("step 'tag'").hasMessageContaining("`csv`").hasMessageContaining("UnixPath");

        eval("Dataflow flow = new Dataflow(\"held2\");");
        eval("var nums = flow.input(\"inp\", Sources.testing(List.of(1, 2, 3, 4, 5, 6, 21)));");
        eval("var parts = nums.branch(\"even\", x -> x % 2 == 0);");
        eval("var byParity = parts.trues().keyBy(\"k\", x -> \"even\");");
        eval("var windows = byParity.foldWindow(\"per-10s\", WindowClock.watermark((Integer x) -> Instant.ofEpochSecond(x),"
                + " Duration.ZERO), Windower.tumbling(Duration.ofSeconds(10), Instant.EPOCH), () -> 0, (a, x) -> a + x);");
        eval("synchronized (lock) { windows.map(\"sum\", w -> w.value()).capture(\"out\"); }");
        eval("String name = csv.toString() + connection.isConnected();"); // used while building, in a cell
        eval("parts.falses().map(\"neg\", x -> -x).capture(\"odd\");");
        JobPackage job = packFlow();
        assertThat(job.statics()).extracting(JobPackage.StaticValue::field)
                .doesNotContain("lock", "connection", "csv", "flow", "nums", "parts", "byParity", "windows", "name");
        List<Object> out = runOpened(job);
        assertThat(out).extracting(Object::toString).containsExactly("(even, 12)");
    }

    @Test
    void variablesReadThroughCalledMethodsAndNestedLambdasTravelAndNothingElse() throws Exception {
        eval("int limit = 10;");
        eval("int factor = 3;");
        eval("Path unused = Path.of(\"x\");");
        eval("boolean small(int x) { return x < limit; }");
        eval("int scale(int x) { return List.of(x).stream().map(y -> y * factor).findFirst().get(); }");
        eval("Dataflow flow = new Dataflow(\"calls\");");
        eval("var nums = flow.input(\"inp\", Sources.testing(List.of(1, 2, 30)));");
        eval("nums.filter(\"small\", x -> small(x)).map(\"scale\", x -> scale(x)).capture(\"out\");");
        JobPackage job = packFlow();
        assertThat(job.statics()).extracting(JobPackage.StaticValue::field).containsExactlyInAnyOrder("limit", "factor");
        eval("factor = 1000;");
        assertThat(runOpened(job)).containsExactly(3, 6);
    }

    @Test
    void aNonSerializableVariableReadByACalledMethodIsNamedWithItsStep() {
        eval("Object guard = new Object();");
        eval("int guarded(int x) { synchronized (guard) { return x; } }");
        eval("Dataflow flow = new Dataflow(\"guarded\");");
        eval("flow.input(\"inp\", Sources.testing(List.of(1))).map(\"via-method\", x -> guarded(x)).capture(\"out\");");
        assertThatThrownBy(this::packFlow).isInstanceOf(ShippingException.class)
                .hasMessageContaining("step 'via-method'").hasMessageContaining("`guard`")
                .hasMessageContaining("create it inside the function");
    }

    @Test
    void aStreamReadInsideAFunctionIsRefusedByName() {
        eval("Dataflow flow = new Dataflow(\"reads-stream\");");
        eval("var nums = flow.input(\"inp\", Sources.testing(List.of(1)));");
        eval("nums.map(\"uses-stream\", x -> nums.toString()).capture(\"out\");");
        assertThatThrownBy(this::packFlow).isInstanceOf(ShippingException.class)
                .hasMessageContaining("step 'uses-stream'").hasMessageContaining("`nums`")
                .hasMessageContaining("dev.rivulet.DataStream");
    }

    @Test
    void aCellRecordThatIsNotSerializableGetsTheFix() {
        eval("record Trade(String symbol, double price) {}");
        eval("Dataflow flow = new Dataflow(\"trades\");");
        eval("flow.input(\"trades\", Sources.testing(List.of(new Trade(\"A\", 1.0)))).capture(\"out\");");
        assertThatThrownBy(this::packFlow).isInstanceOf(ShippingException.class)
                .hasMessageContaining("step 'trades'")
                .hasMessageContaining("record `Trade` is not Serializable")
                .hasMessageContaining("add `implements java.io.Serializable`")
                .hasMessageNotContaining("REPL.")
                .hasMessageNotContaining("Functions given to operators");
    }

    @Test
    void cellClassesInTheFlowShipWithTheVariablesTheirMethodsRead() throws Exception {
        eval("String prefix = \"n=\";");
        eval("class Labeler implements dev.rivulet.fn.MapFn<Integer, String> {"
                + " public String apply(Integer x) { return prefix + x; } }");
        eval("Dataflow flow = new Dataflow(\"objects\");");
        eval("flow.input(\"inp\", Sources.testing(List.of(1, 2))).map(\"label\", new Labeler()).capture(\"out\");");
        JobPackage job = packFlow();
        assertThat(job.statics()).extracting(JobPackage.StaticValue::field).containsExactly("prefix");
        assertThat(runOpened(job)).containsExactly("n=1", "n=2");
    }
}
