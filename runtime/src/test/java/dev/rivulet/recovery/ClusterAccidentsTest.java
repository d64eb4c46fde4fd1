package dev.rivulet.recovery;

import static dev.rivulet.recovery.DirectoryImages.hashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.io.Sources;
import dev.rivulet.testing.NoLeftoverProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Accidents of a multi-process run: the verdict is the cluster's, and a refusal writes nowhere. */
@Timeout(180)
class ClusterAccidentsTest {

    @TempDir
    Path tmp;

    @AfterEach
    void noChildProcessesLeft() throws InterruptedException {
        NoLeftoverProcesses.assertNone();
    }

    private static Dataflow sums(int items) {
        Dataflow flow = new Dataflow("cluster-sums");
        flow.input("inp", Sources.testing(IntStream.range(0, items).boxed().toList()))
                .keyBy("key", n -> "k" + (n % 5))
                .reduce("sum", Integer::sum)
                .capture("out");
        return flow;
    }

    private static RunOptions rec(Path dir) {
        return RunOptions.defaults().epochs(EpochConfig.testing()).recovery(RecoveryConfig.sqlite(dir));
    }

    private static Map<String, Integer> sorted(List<KV<String, Integer>> out) {
        Map<String, Integer> sums = new TreeMap<>();
        out.forEach(kv -> sums.put(kv.key(), kv.value()));
        return sums;
    }

    @Test
    void theFilesOfAWholeProcessMissingAreRefusedByTheClusterAndNothingChanges() throws Exception {
        Path dir = tmp.resolve("state");
        assertThat(Rivulet.spawnCluster(sums(40), 2, 2, rec(dir)).<KV<String, Integer>>captured("out")).hasSize(5);
        for (int worker : new int[] {2, 3}) {
            Files.delete(dir.resolve("worker-" + worker + ".sqlite3"));
        }
        Map<String, String> before = hashes(dir);
        Throwable refusal = catchThrowable(() -> Rivulet.spawnCluster(sums(50), 2, 2, rec(dir)));
        assertThat(refusal).isInstanceOf(RivuletException.class)
                .hasMessageContaining("has the files of workers [0, 1]")
                .hasMessageContaining("but not of workers [2, 3]");
        assertThat(hashes(dir)).isEqualTo(before);
    }

    @Test
    void aClusterRunRescalesTheDirectoryOfAnInProcessRunAndBack() throws Exception {
        Path dir = tmp.resolve("state");
        Map<String, Integer> first = sorted(Rivulet.run(sums(40), 2, rec(dir)).captured("out"));
        assertThat(first).hasSize(5);
        // 2 workers in one JVM, then 2 processes × 2 workers, then 2 workers again: one run,
        // each continuation reads only the new items and goes on from every key's sum.
        assertThat(sorted(Rivulet.spawnCluster(sums(50), 2, 2, rec(dir)).captured("out"))).isEqualTo(expectedSums(50));
        assertThat(sorted(Rivulet.run(sums(60), 2, rec(dir)).captured("out"))).isEqualTo(expectedSums(60));
    }

    private static Map<String, Integer> expectedSums(int items) {
        Map<String, Integer> expected = new TreeMap<>();
        for (int n = 0; n < items; n++) {
            expected.merge("k" + (n % 5), n, Integer::sum);
        }
        return expected;
    }
}
