package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/rivulet} started as a real process, the way a user runs it. */
class LauncherScriptTest {
    private static final Path RUNTIME = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = RUNTIME.resolveSibling("bin").resolve("rivulet");

    /** What a finished process left behind. */
    private record Outcome(int status, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }
    }

    @BeforeAll
    static void needsTheBuildTree() {
        assumeTrue(Files.isExecutable(SCRIPT), "bin/rivulet not found next to " + RUNTIME);
        assumeTrue(Files.isDirectory(RUNTIME.resolve("target/lib")),
                "runtime/target/lib is absent (built by mvn process-classes or later)");
        assumeTrue(Files.isDirectory(RUNTIME.resolve("target/test-classes")), "no test classes");
    }

    private static Outcome launch(String... args) throws Exception {
        return launchScript(SCRIPT, args);
    }

    private static Outcome launchScript(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(RUNTIME.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("RIVULET_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Xshare:auto -XX:TieredStopAtLevel=1");
        Process process = builder.start();
        try {
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/rivulet finished").isTrue();
            return new Outcome(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<unreadable: " + e + ">";
            }
        });
    }

    @Test
    void runsAFlowWithTwoWorkersAndFailsWithStatusOne() throws Exception {
        Outcome ok = launch("run", "dev.rivulet.cli.fixtures.TestFlows:printing", "-w2",
                "--classpath", "target/test-classes");
        assertThat(ok.status()).as(ok.toString()).isZero();
        List<String> lines = new ArrayList<>(ok.outLines());
        lines.sort(null);
        assertThat(lines).containsExactly("item 0", "item 10", "item 20", "item 30");

        Outcome failed = launch("run", "dev.rivulet.cli.fixtures.TestFlows:failing", "-w2",
                "--classpath", "target/test-classes");
        assertThat(failed.status()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("step 'explode' (map) failed").doesNotContain("\tat ");
    }

    @Test
    void worksThroughASymlinkAsInstallShCreatesIt(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("rivulet"), SCRIPT);
        Outcome version = launchScript(link, "--version");
        assertThat(version.status()).as(version.toString()).isZero();
        assertThat(version.out()).startsWith("rivulet ");
    }

    @Test
    void usageErrorsExitWithStatusTwo() throws Exception {
        Outcome usage = launch("run", "dev.rivulet.cli.fixtures.TestFlows", "-i", "0");
        assertThat(usage.status()).as(usage.toString()).isEqualTo(2);
        assertThat(usage.err()).startsWith("rivulet run: error: a process id (-i 0) needs the addresses");
    }
}
