package dev.rivulet.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone Flink session cluster (a JobManager and two TaskManagers, separate JVMs): a
 * job submitted with {@code rivulet run --engine flink --flink-master …}, one TaskManager killed
 * with SIGKILL while it runs, and the file the job wrote equal to a failure-free run's (the file
 * sink is exactly-once through checkpoints).
 */
class FlinkClusterFailoverTest {
    static final long N = 8_000;

    @Test
    void aTaskManagerKilledMidRunLeavesTheSameOutputAsAFailureFreeRun(@TempDir Path dir) throws Exception {
        Path expected = dir.resolve("expected.txt");
        Rivulet.run(TestFlows.slowSquaresToFile(expected.toString(), N), 4, RunOptions.defaults());

        Path out = dir.resolve("out.txt");
        try (StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(dir.resolve("cluster"), 2, 2)) {
            CompletableFuture<FlinkCliTest.Run> run = CompletableFuture.supplyAsync(() -> FlinkCliTest.cli("run",
                    "dev.rivulet.flink.TestFlows:slowSquaresToFile(\"" + out + "\", " + N + ")",
                    "--engine", "flink", "--flink-master", cluster.master(), "-p", "2", "--epoch-interval", "0.3"));
            awaitLines(out, N / 8, run);
            Process victim = cluster.taskManager(0);
            victim.destroyForcibly(); // SIGKILL
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();

            FlinkCliTest.Run result = run.get(240, TimeUnit.SECONDS);
            assertThat(result.status()).as(result.err() + "\nJobManager: " + cluster.log("jobmanager")).isZero();
        }
        List<String> got = Files.readAllLines(out).stream().sorted().toList();
        assertThat(got).hasSize((int) N).isEqualTo(Files.readAllLines(expected).stream().sorted().toList());
    }

    /** Waits until the job has written {@code lines} lines (it has really started), or fails if it ended first. */
    private static void awaitLines(Path file, long lines, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (run.isDone()) {
                throw new AssertionError("the job ended before a TaskManager could be killed: " + run.get());
            }
            if (Files.exists(file)) {
                try (var stream = Files.lines(file)) {
                    if (stream.count() >= lines) {
                        return;
                    }
                }
            }
            Thread.sleep(100); // polling another process's output file
        }
        throw new AssertionError("the job wrote fewer than " + lines + " lines in 180 s");
    }
}
