package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.notebook.MagicUsageException;
import dev.rivulet.notebook.NotebookRunException;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The bundled kernel's evaluation, without Jupyter: cells go straight to {@link RivuletKernel#eval}. */
class RivuletKernelTest {

    static RivuletKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new RivuletKernel();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    private static String text(DisplayData data) {
        return (String) data.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void aCellIsEvaluatedSnippetBySnippetAndShowsItsLastExpression() throws Exception {
        assertThat(text(kernel.eval("int a = 20;\nint b = 22;\na + b"))).isEqualTo("42");
        assertThat(kernel.eval("int c = 1;")).isNull();
    }

    @Test
    void rivuletAndTablesawAreImportedAndRunMainReturnsATypedTable() throws Exception {
        kernel.eval("var wc = new Dataflow(\"wc\");\n"
                + "wc.input(\"in\", Sources.testing(List.of(\"a b\", \"b\")))\n"
                + "  .flatMap(\"split\", l -> Arrays.asList(l.split(\" \")))\n"
                + "  .keyBy(\"k\", w -> w).map(\"one\", w -> 1L).reduce(\"sum\", Long::sum).capture(\"out\");");
        kernel.eval("var t = %run_main --workers 2 wc");

        // t is a Table at compile time: Table methods need no cast
        assertThat(text(kernel.eval("t.where(t.stringColumn(\"key\").isEqualTo(\"b\")).longColumn(\"value\").get(0)"))).isEqualTo("2");
        assertThat(kernel.eval("lastResult()").getData(MIMEType.TEXT_HTML).toString()).contains("<th>key</th>");
        assertThat(kernel.evalRaw("t")).isInstanceOf(Table.class);
    }

    @Test
    void recoveryKeepsItsSnapshotsInTheChosenDirectory(@TempDir Path dir) throws Exception {
        kernel.eval("var rec = dev.rivulet.notebook.TestFlows.wordCount();");
        kernel.eval("var r1 = %run_main --recovery=" + dir + " rec");

        assertThat(text(kernel.eval("r1.rowCount()"))).isEqualTo("2");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("worker-0.sqlite3");
        }
        // the same directory again: a continuation of the same flow, not an error
        kernel.eval("var r2 = %run_main --recovery=" + dir + " rec");
    }

    @Test
    void aClusterOfAnotherSizeContinuesTheSameRecoveredRun(@TempDir Path dir) throws Exception {
        kernel.eval("var grown = dev.rivulet.notebook.TestFlows.wordCount();");
        kernel.eval("var g1 = %spawn_cluster -p2 --recovery=" + dir + " grown");
        assertThat(text(kernel.eval("g1.rowCount()"))).isEqualTo("2");
        // 2 processes, then 4: the run continues (its input is exhausted, so nothing new), re-spread over 4 workers
        kernel.eval("var g2 = %spawn_cluster -p4 --recovery=" + dir + " grown");
        assertThat(text(kernel.eval("g2.rowCount()"))).isEqualTo("0");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(name -> name.startsWith("gen-1-"));
        }
    }

    @Test
    void mavenResolvesCoordinatesAndExplainsBadOnes() throws Exception {
        // commons-math3 is a Tablesaw dependency, so the build has put it in the local repository
        kernel.eval("%maven org.apache.commons:commons-math3:3.6.1");
        assertThatThrownBy(() -> kernel.eval("%maven nonsense"))
                .isInstanceOf(MagicUsageException.class).hasMessageContaining("'nonsense' is not group:artifact:version");
    }

    @Test
    void basekernelsCommonMagicsWorkAsInIJava(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("snippet.jsh");
        kernel.eval("%%writefile " + file + "\nint loaded = 41 + 1;");
        assertThat(Files.readString(file)).contains("int loaded = 41 + 1;");

        kernel.eval("%load " + file);
        assertThat(text(kernel.eval("loaded"))).isEqualTo("42");
    }

    @Test
    void anInterruptStopsCodeThatIgnoresIt() throws Exception {
        var failure = new java.util.concurrent.CompletableFuture<Throwable>();
        Thread cell = new Thread(() -> {
            try {
                kernel.eval("while (true) { Thread.onSpinWait(); }"); // one snippet, so "running" means this loop
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });
        cell.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!kernel.isCellRunning() && System.nanoTime() < deadline) {
            Thread.sleep(5); // awaiting the condition "the cell runs"
        }
        kernel.interrupt();
        failure.get(ReplExecutionControl.STOP_AFTER_SECONDS + 20, java.util.concurrent.TimeUnit.SECONDS);
        Throwable stopped = failure.getNow(null);
        assertThat(stopped).isNotNull();
        assertThat(String.join("\n", kernel.formatError(stopped instanceof Exception e ? e : new CellFailure(stopped))))
                .contains("did not stop within " + ReplExecutionControl.STOP_AFTER_SECONDS + " s");
        assertThat(text(kernel.eval("1 + 2"))).isEqualTo("3"); // the kernel goes on with a fresh cell thread
    }

    @Test
    void anInterruptAlsoStopsTheRestOfTheCell() throws Exception {
        var ended = new java.util.concurrent.CompletableFuture<Throwable>();
        Thread cell = new Thread(() -> {
            try {
                kernel.eval("try { Thread.sleep(60_000); } catch (InterruptedException swallowed) { }\n"
                        + "int afterInterrupt = 1;");
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        cell.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!kernel.isCellRunning() && System.nanoTime() < deadline) {
            Thread.sleep(5); // awaiting the condition "the cell runs"
        }
        kernel.interrupt();

        assertThat(ended.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(InterruptedException.class).hasMessage("the cell was interrupted");
        assertThatThrownBy(() -> kernel.eval("afterInterrupt")).isInstanceOf(CompilationException.class);
    }

    @Test
    void compileErrorsPointAtTheProblem() {
        assertThatThrownBy(() -> kernel.eval("int x = \"text\";"))
                .isInstanceOf(CompilationException.class)
                .satisfies(e -> assertThat(((CompilationException) e).lines()).containsExactly(
                        "error: incompatible types: java.lang.String cannot be converted to int",
                        "    int x = \"text\";",
                        "            ^~~~~~"));
    }

    @Test
    void exceptionsAreTheRealOnesWithTheCellsFrames() {
        assertThatThrownBy(() -> kernel.eval("Integer.parseInt(\"zz\")")).isInstanceOf(NumberFormatException.class)
                .satisfies(e -> assertThat(kernel.formatError((Exception) e))
                        .first().isEqualTo("java.lang.NumberFormatException: For input string: \"zz\""))
                .satisfies(e -> assertThat(kernel.formatError((Exception) e)).noneMatch(l -> l.contains("dev.rivulet.kernel")));
    }

    @Test
    void errorsAreMessagesWithoutInternalFrames() throws Exception {
        // a flow mistake thrown by Rivulet in a cell: its message, no engine frames
        kernel.eval("var noOutput = new Dataflow(\"no-output\");\n"
                + "noOutput.input(\"in\", Sources.testing(List.of(1)));");
        assertThatThrownBy(() -> kernel.eval("Rivulet.run(noOutput, 1)"))
                .satisfies(e -> assertThat(kernel.formatError((Exception) e))
                        .hasSize(1).first().asString().contains("output").doesNotContain("Exception"));
        // the user's own exception with a cause: the cell's frames, "cause:" lines, nothing of the kernel
        kernel.eval("void fail() { throw new IllegalStateException(\"outer\", new java.io.IOException(\"disk\")); }");
        assertThatThrownBy(() -> kernel.eval("fail()"))
                .satisfies(e -> assertThat(String.join("\n", kernel.formatError((Exception) e)))
                        .startsWith("java.lang.IllegalStateException: outer")
                        .contains("at cell: fail").contains("cause: java.io.IOException: disk")
                        .doesNotContain("Caused by:").doesNotContain("dev.rivulet.kernel.")
                        .doesNotContain("io.github.spencerpark"));
        // a misspelt flow in a magic
        kernel.eval("var spelled = new Dataflow(\"spelled\");");
        assertThatThrownBy(() -> kernel.eval("%run_main speled"))
                .isInstanceOf(MagicUsageException.class)
                .hasMessageContaining("there is no variable `speled` in the notebook; did you mean `spelled`?");
        // a flow that cannot travel: one message naming the step, the variable and the fix
        kernel.eval("Object mutex = new Object();\nvar locked = new Dataflow(\"locked\");\n"
                + "locked.input(\"in\", Sources.testing(List.of(1))).map(\"sync\", x -> { synchronized (mutex) { return x; } })"
                + ".capture(\"out\");");
        assertThatThrownBy(() -> kernel.eval("%spawn_cluster -p2 locked"))
                .isInstanceOf(NotebookRunException.class)
                .satisfies(e -> assertThat(String.join("\n", kernel.formatError((Exception) e)))
                        .contains("step 'sync'").contains("`mutex`").doesNotContain("JobPacker")
                        .doesNotContain("Caused by:").doesNotContain("\tat ").doesNotContain("    at "));
    }

    @Test
    void aFailingRunReportsStepAndItem() throws Exception {
        kernel.eval("var bad = new Dataflow(\"bad\");\n"
                + "bad.input(\"in\", Sources.testing(List.of(\"1\", \"x\"))).map(\"parse\", Integer::parseInt).capture(\"out\");");
        assertThatThrownBy(() -> kernel.eval("%run_main bad"))
                .isInstanceOf(NotebookRunException.class)
                .hasMessageContaining("step:   parse (map)")
                .hasMessageContaining("item:   \"x\"");
        assertThatThrownBy(() -> kernel.eval("%run_main 42"))
                .isInstanceOf(MagicUsageException.class)
                .hasMessageContaining("'42' is a java.lang.Integer, not a Dataflow");
    }

    @Test
    void completionAndInspectionUseJShell() throws Exception {
        kernel.eval("String greeting = \"hi\";");
        assertThat(kernel.complete("greeting.toUpp", 14).getReplacements()).contains("toUpperCase(");
        assertThat(kernel.isComplete("int y = ")).isNotEqualTo("complete");
        assertThat(kernel.isComplete("int y = 1;")).isEqualTo("complete");
    }

    @Test
    void jarsAreAddedToTheNotebook(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("src/extra/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package extra; public class Greeter { public static String hi() { return \"hello\"; } }");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.resolve("classes").toString(),
                source.toString())).isZero();
        Path jar = dir.resolve("extra.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("extra/Greeter.class"));
            out.write(Files.readAllBytes(dir.resolve("classes/extra/Greeter.class")));
        }
        kernel.eval("%jars " + dir + "/*.jar");
        assertThat(text(kernel.eval("extra.Greeter.hi()"))).isEqualTo("hello");

        assertThatThrownBy(() -> kernel.eval("%jars /no/such/*.jar"))
                .isInstanceOf(MagicUsageException.class).hasMessageContaining("nothing matches '/no/such/*.jar'");
        assertThat(List.of("jars", "classpath", "maven", "run_main"))
                .allSatisfy(name -> assertThat(kernel.getBanner()).contains("%" + name));
    }
}
