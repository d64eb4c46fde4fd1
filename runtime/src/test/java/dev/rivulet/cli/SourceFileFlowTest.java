package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .java} import strings compiled on the fly, and {@code --classpath}, run end to end. */
class SourceFileFlowTest {
    private static final String COUNTS = String.join("\n",
            "import dev.rivulet.Dataflow;",
            "import dev.rivulet.io.Sources;",
            "import java.util.List;",
            "",
            "public class Counts {",
            "    public static final Dataflow flow = build(\"n\", 3);",
            "",
            "    public static Dataflow build(String prefix, int count) {",
            "        var flow = new Dataflow(\"counts\");",
            "        flow.input(\"inp\", Sources.range(0, count))",
            "            .map(\"label\", i -> Helper.label(prefix, i))",
            "            .capture(\"out\");",
            "        return flow;",
            "    }",
            "}",
            "",
            "class Helper {",
            "    static String label(String prefix, long i) { return prefix + i; }",
            "}",
            "");

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.run(Map.of(), Launcher.RIVULET, new ArrayList<>(), args);
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }

    @Test
    void singleSourceFileIsCompiledAndRun() throws Exception {
        Path source = Files.writeString(dir.resolve("Counts.java"), COUNTS);
        CliRun run = run("run", source.toString(), "-w", "2");
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(sorted(run.outLines())).containsExactly("n0", "n1", "n2");

        CliRun call = run("run", source + ":build(\"x\", 2)");
        assertThat(call.status).as(call.toString()).isZero();
        assertThat(call.outLines()).containsExactly("x0", "x1");
    }

    /** docs/cli.md's import-string example, taken from the page itself, compiled and run. */
    @Test
    void theManualsImportStringExampleRuns() throws Exception {
        List<String> page = Files.readAllLines(Path.of("..", "docs", "cli.md"));
        int marker = page.indexOf("<!-- run by: SourceFileFlowTest#theManualsImportStringExampleRuns -->");
        assertThat(marker).as("the example's marker in docs/cli.md").isNotNegative();
        int end = page.subList(marker + 2, page.size()).indexOf("```") + marker + 2;
        Path source = Files.writeString(dir.resolve("Flows.java"), String.join("\n", page.subList(marker + 2, end)));
        Path input = Files.writeString(dir.resolve("in.txt"), "to be or not to be\nbe quick\n");

        // Sinks.stdout() prints to System.out itself, not to the CLI's stream
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        CliRun run;
        try {
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            run = run("run", source + ":build(\"" + input + "\", 2)", "-w", "2");
        } finally {
            System.setOut(stdout);
        }
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(sorted(List.of(printed.toString(java.nio.charset.StandardCharsets.UTF_8).split("\\R"))))
                .containsExactly("(be, 3)", "(to, 2)");
    }

    @Test
    void firstTopLevelClassOfAPackagedFileIsUsed() throws Exception {
        String source = "package demo.flows;\n" + COUNTS.replace("public class Counts", "public class Main");
        Path file = Files.writeString(dir.resolve("AnyName.java"), source);
        CliRun run = run("run", file + ":build(\"p\", 1)");
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.outLines()).containsExactly("p0");
    }

    @Test
    void compileErrorsAreReportedWithFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("Broken.java"), String.join("\n",
                "import dev.rivulet.Dataflow;",
                "public class Broken {",
                "    public static final Dataflow flow = new Dataflow(\"b\");",
                "    static int x = undefinedThing;",
                "}", ""));
        CliRun run = run("run", file.toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).startsWith("rivulet run: error: " + file + " does not compile (1 error):\n"
                + file + ":4: error: cannot find symbol");
    }

    @Test
    void missingSourceFile() {
        Path missing = dir.resolve("Nope.java");
        CliRun run = run("run", missing.toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).startsWith("rivulet run: error: source file " + missing + " does not exist");
    }

    @Test
    void classpathAddsCompiledClassesAndJarsDirectories() throws Exception {
        Path classes = dir.resolve("classes");
        String job = COUNTS.replace("public class Counts", "public class Job");
        SourceFileCompiler.compile(Files.writeString(dir.resolve("Job.java"), "package lib;\n" + job),
                JobClasspath.forCompiler(List.of()), classes);
        CliRun run = run("run", "lib.Job", "--classpath", classes.toString());
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(sorted(run.outLines())).containsExactly("n0", "n1", "n2");

        CliRun missing = run("run", "lib.Job");
        assertThat(missing.status).isEqualTo(2);
        assertThat(missing.err).contains("class 'lib.Job' was not found");

        CliRun badEntry = run("run", "lib.Job", "--classpath", classes + File.pathSeparator + dir.resolve("gone.jar"));
        assertThat(badEntry.status).isEqualTo(2);
        assertThat(badEntry.err).startsWith("rivulet run: error: --classpath entry '" + dir.resolve("gone.jar")
                + "' does not exist");
    }

    @Test
    void sourceFileCompilesAgainstTheClasspathOption() throws Exception {
        Path depClasses = dir.resolve("dep");
        SourceFileCompiler.compile(Files.writeString(dir.resolve("Prefix.java"),
                "package dep;\npublic class Prefix { public static String value() { return \"dep-\"; } }\n"),
                JobClasspath.forCompiler(List.of()), depClasses);
        Path flowDir = Files.createDirectories(dir.resolve("src"));
        Path file = Files.writeString(flowDir.resolve("Counts.java"),
                COUNTS.replace("build(\"n\", 3)", "build(dep.Prefix.value(), 1)"));
        CliRun run = run("run", file.toString(), "--classpath", depClasses.toString());
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.outLines()).containsExactly("dep-0");
    }

    @Test
    void classWhoseDependencyIsMissingSaysWhichOne() throws Exception {
        Path classes = dir.resolve("classes");
        Path sources = Files.createDirectories(dir.resolve("srcs"));
        Files.writeString(sources.resolve("Dep.java"),
                "package app;\npublic class Dep { public static dev.rivulet.Dataflow make() { return null; } }\n");
        SourceFileCompiler.compile(sources.resolve("Dep.java"), JobClasspath.forCompiler(List.of()), classes);
        Files.writeString(sources.resolve("UsesDep.java"),
                "package app;\npublic class UsesDep { public static final dev.rivulet.Dataflow flow = Dep.make(); }\n");
        SourceFileCompiler.compile(sources.resolve("UsesDep.java"), JobClasspath.forCompiler(List.of(classes)),
                classes);
        Files.delete(classes.resolve("app/Dep.class"));
        CliRun run = run("run", "app.UsesDep", "--classpath", classes.toString());
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).startsWith("rivulet run: error: class app.UsesDep was found but cannot be loaded:"
                + " NoClassDefFoundError: app/Dep. It needs a class that is not on the classpath: add the"
                + " jar that has it with --classpath");
    }

    @Test
    void classpathWildcardExpandsToTheJarsOfADirectory() throws Exception {
        Path libs = Files.createDirectories(dir.resolve("libs"));
        Files.write(libs.resolve("b.jar"), new byte[0]);
        Files.write(libs.resolve("a.jar"), new byte[0]);
        Files.write(libs.resolve("notes.txt"), new byte[0]);
        assertThat(JobClasspath.parse(libs + File.separator + "*"))
                .containsExactly(libs.resolve("a.jar"), libs.resolve("b.jar"));
        assertThat(JobClasspath.parse(null)).isEmpty();
    }

    @Test
    void localClusterWorkersGetTheJobClassesOnTheirClassPath() throws Exception {
        Path source = Files.writeString(dir.resolve("Counts.java"), COUNTS);
        Path extra = Files.createDirectories(dir.resolve("extra"));
        String before = System.getProperty("java.class.path");
        List<String> seen = new ArrayList<>();
        Launcher spawnOnly = new Launcher() {
            @Override
            public dev.rivulet.RunResult runInProcess(dev.rivulet.Dataflow flow, int workers,
                    dev.rivulet.RunOptions options) {
                throw new AssertionError("not expected");
            }

            @Override
            public dev.rivulet.RunResult spawnCluster(dev.rivulet.Dataflow flow, int processes, int workers,
                    dev.rivulet.RunOptions options) {
                seen.add(System.getProperty("java.class.path"));
                return dev.rivulet.Rivulet.run(flow, workers, options);
            }

            @Override
            public dev.rivulet.RunResult clusterMain(dev.rivulet.Dataflow flow, List<String> addresses,
                    int processId, int workers, dev.rivulet.RunOptions options) {
                throw new AssertionError("not expected");
            }
        };
        CliRun run = CliRun.run(Map.of(), spawnOnly, new ArrayList<>(), "run", source.toString(), "-p", "2",
                "--classpath", extra.toString());
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(seen).singleElement().asString()
                .startsWith(before + File.pathSeparator)
                .contains(File.pathSeparator + extra.toAbsolutePath())
                .contains("rivulet-job-");
        assertThat(System.getProperty("java.class.path")).isEqualTo(before);
    }
}
