package dev.rivulet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.io.Sources;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import dev.rivulet.testing.NoLeftoverProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Warm worker JVMs reused across runs. */
@Timeout(90)
class WorkerPoolTest {

    @AfterEach
    void noChildProcessesLeft() throws InterruptedException {
        NoLeftoverProcesses.assertNone();
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static Map<String, Long> counts(List<KV<String, Long>> items) {
        return ClusterFlows.counts(items);
    }

    @Test
    void runsReuseTheSameWorkerJvms() {
        Map<String, Long> expected = counts(Rivulet.run(ClusterFlows.wordCount(), 1).captured("counts"));
        try (WorkerPool pool = WorkerPool.start(2, 2)) {
            Set<Long> before = childPids();
            assertThat(before).hasSize(2);
            assertThat(counts(pool.run(ClusterFlows.wordCount(), RunOptions.defaults()).captured("counts")))
                    .isEqualTo(expected);
            assertThat(counts(pool.run(ClusterFlows.wordCount(), RunOptions.defaults()).captured("counts")))
                    .isEqualTo(expected);
            assertThat(childPids()).isEqualTo(before);
            assertThat(pool.isWarm()).isTrue();
        }
    }

    @Test
    void closeReturnsOnlyOnceTheWorkerJvmsAreGone() {
        WorkerPool pool = WorkerPool.start(2, 1);
        assertThat(childPids()).hasSize(2);
        pool.close();
        assertThat(childPids()).isEmpty(); // no waiting here: close itself awaited the exits
    }

    @Test
    void aFailedRunRestartsTheWorkersForTheNextRun() {
        try (WorkerPool pool = WorkerPool.start(2, 1)) {
            Set<Long> before = childPids();
            Dataflow failing = new Dataflow("fails");
            failing.input("inp", Sources.testing(List.of(1, 2, 3)))
                    .map("explode", x -> {
                        if (x == 2) {
                            throw new IllegalArgumentException("no twos");
                        }
                        return x;
                    })
                    .capture("out");
            assertThatThrownBy(() -> pool.run(failing, RunOptions.defaults()))
                    .isInstanceOf(RivuletException.class)
                    .hasMessageContaining("explode")
                    .hasMessageContaining("no twos");
            assertThat(pool.isWarm()).isFalse();
            assertThat(childPids()).isEmpty();
            assertThat(pool.run(ClusterFlows.wordCount(), RunOptions.defaults()).<KV<String, Long>>captured("counts"))
                    .isNotEmpty();
            assertThat(childPids()).hasSize(2).doesNotContainAnyElementsOf(before);
        }
    }
}
