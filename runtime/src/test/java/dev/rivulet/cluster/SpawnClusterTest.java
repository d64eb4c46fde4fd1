package dev.rivulet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.rivulet.testing.NoLeftoverProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code spawnCluster}: child JVMs on this host. */
@Timeout(90)
class SpawnClusterTest {

    @AfterEach
    void noChildProcessesLeft() throws InterruptedException {
        NoLeftoverProcesses.assertNone();
    }

    private static java.util.Map<String, Long> expectedCounts() {
        List<KV<String, Long>> single = Rivulet.run(ClusterFlows.wordCount(), 1).captured("counts");
        return ClusterFlows.counts(single);
    }

    @Test
    void wordCountOnTwoProcessesOfTwoWorkersEqualsOneWorker() {
        AtomicInteger streamed = new AtomicInteger();
        RunResult result = Rivulet.spawnCluster(ClusterFlows.wordCount(), 2, 2,
                RunOptions.defaults().onCapture((step, worker, epoch, items) -> streamed.addAndGet(items.size())));
        List<KV<String, Long>> counts = result.captured("counts");
        assertThat(ClusterFlows.counts(counts)).isEqualTo(expectedCounts());
        assertThat(counts).hasSize(expectedCounts().size());
        assertThat(streamed.get()).isEqualTo(counts.size());
        assertThat(result.workers()).isEqualTo(4);
        assertThat(result.stats("lines").itemsOut()).isEqualTo(ClusterFlows.lines().size());
    }

    @Test
    void testingEpochsOverTwoProcessesGiveTheSameKeyedResults() {
        RunResult result = Rivulet.spawnCluster(ClusterFlows.wordCount(), 2, 1,
                RunOptions.defaults().epochs(EpochConfig.testing()));
        assertThat(ClusterFlows.counts(result.captured("counts"))).isEqualTo(expectedCounts());
    }

    @Test
    void anExceptionInAMapSurfacesWithStepIdAndItem() {
        RivuletException failure = catchThrowableOfType(
                () -> Rivulet.spawnCluster(ClusterFlows.failsOnBoom(), 2, 2, RunOptions.defaults()),
                RivuletException.class);
        assertThat(failure.stepId()).isEqualTo("explode");
        assertThat(failure.operator()).isEqualTo("map");
        assertThat(failure.item()).isEqualTo("(boom, boom)");
        assertThat(failure.workerIndex()).isBetween(0, 3);
        assertThat(failure.getMessage()).contains("step 'explode'", "cannot handle boom");
        assertThat(failure.getCause()).isInstanceOf(RemoteWorkerException.class);
        RemoteWorkerException remote = (RemoteWorkerException) failure.getCause();
        assertThat(remote.remoteClassName()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(remote.getStackTrace()).isNotEmpty();
        assertThat(remote.getStackTrace()[0].getClassName()).startsWith(ClusterFlows.class.getName());
    }

    @Test
    void manyItemsCrossProcessesUnderBackPressureWithoutLoss() {
        long n = 300_000;
        RunResult result = Rivulet.spawnCluster(ClusterFlows.manyItems(n), 2, 2, RunOptions.defaults());
        List<KV<String, Long>> sums = result.captured("sums");
        assertThat(sums).hasSize(10);
        assertThat(sums.stream().mapToLong(KV::value).sum()).isEqualTo(n * (n - 1) / 2);
        assertThat(result.stats("numbers").itemsOut()).isEqualTo(n);
    }

    @Test
    void aChildThatCannotStartFailsTheRunWithItsStderr() {
        System.setProperty("rivulet.cluster.jvmOptions", "-XX:+RivuletNoSuchOption");
        try {
            assertThatThrownBy(() -> Rivulet.spawnCluster(ClusterFlows.wordCount(), 2, 1, RunOptions.defaults()))
                    .isInstanceOf(RivuletException.class)
                    .hasMessageContaining("exited unexpectedly with exit code 1")
                    .hasMessageContaining("RivuletNoSuchOption");
        } finally {
            System.clearProperty("rivulet.cluster.jvmOptions");
        }
    }

    @Test
    void twoClustersAtOnceOnOneHostBothSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<RunResult> first = pool.submit(() -> Rivulet.spawnCluster(ClusterFlows.wordCount(), 2, 1,
                    RunOptions.defaults()));
            Future<RunResult> second = pool.submit(() -> Rivulet.spawnCluster(ClusterFlows.wordCount(), 2, 1,
                    RunOptions.defaults()));
            assertThat(ClusterFlows.counts(first.get(60, TimeUnit.SECONDS).captured("counts")))
                    .isEqualTo(expectedCounts());
            assertThat(ClusterFlows.counts(second.get(60, TimeUnit.SECONDS).captured("counts")))
                    .isEqualTo(expectedCounts());
        } finally {
            pool.shutdownNow();
        }
    }
}
