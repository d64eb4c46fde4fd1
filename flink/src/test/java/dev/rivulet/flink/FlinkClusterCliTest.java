package dev.rivulet.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rivulet run examples.WordCount:flow --engine flink --flink-master host:port -p 2} against a
 * real standalone Flink cluster (a JobManager and a TaskManager, separate JVMs, stopped after the
 * test) prints the same counts as {@code -p 2} on the native engine (two worker processes).
 */
class FlinkClusterCliTest {

    @Test
    void theExampleWordCountOnAClusterPrintsTheNativeCounts(@TempDir Path dir) throws Exception {
        // run from the project's root (the pom's cli-from-project-root execution), as the README's
        // command is: the worker processes and the TaskManager read examples/data/book.txt there
        assumeTrue(Files.exists(Path.of("examples/data/book.txt")),
                "runs from the project's root, in the pom's cli-from-project-root execution");
        String flow = "examples.WordCount:flow";
        FlinkCliTest.Run nativeRun = FlinkCliTest.cli("run", flow, "-p", "2");
        assertThat(nativeRun.status()).as(nativeRun.err()).isZero();
        try (StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(dir.resolve("cluster"), 1, 2)) {
            FlinkCliTest.Run flink = FlinkCliTest.cli("run", flow, "--engine", "flink", "--flink-master",
                    cluster.master(), "-p", "2");
            assertThat(flink.status()).as(flink.err() + "\nJobManager: " + cluster.log("jobmanager")).isZero();
            assertThat(flink.sortedLines()).isEqualTo(nativeRun.sortedLines())
                    .contains("(it, 10)", "(the, 10)", "(worst, 1)");
        }
    }
}
