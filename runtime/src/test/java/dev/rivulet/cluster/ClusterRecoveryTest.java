package dev.rivulet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.engine.NoRecovery;
import dev.rivulet.engine.RecoveryStore;
import dev.rivulet.engine.ResumePoint;
import dev.rivulet.engine.WorkerRecovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Processes agree on the resume epoch before any data moves; a store that cannot open stops everyone. */
@Timeout(60)
class ClusterRecoveryTest {
    /** begin(epoch) calls, by first worker of the process. */
    static final Map<Integer, Long> BEGUN = new ConcurrentHashMap<>();

    /** A store per process that claims a fixed resume point (or fails to open, for {@code failingFirstWorker}). */
    static final class FakeRecovery extends RecoveryConfig {
        private final int failingFirstWorker;

        FakeRecovery(int failingFirstWorker) {
            this.failingFirstWorker = failingFirstWorker;
        }

        @Override
        public RecoveryStore open(Dataflow flow, int workerCount, int firstWorker, int localWorkers) {
            if (firstWorker == failingFirstWorker) {
                throw new IllegalStateException("the recovery directory belongs to another flow");
            }
            // Process 0 finished epochs below 5; process 1 only below 3: resume at 3.
            ResumePoint point = firstWorker == 0 ? new ResumePoint(5, false, 6) : new ResumePoint(3, false, 4);
            return new RecoveryStore() {
                @Override
                public ResumePoint resumePoint() {
                    return point;
                }

                @Override
                public void begin(long resumeEpoch) {
                    BEGUN.put(firstWorker, resumeEpoch);
                }

                @Override
                public WorkerRecovery worker(int workerIndex) {
                    return NoRecovery.INSTANCE;
                }
            };
        }
    }

    private static List<Future<Object>> runBoth(RecoveryConfig recovery, List<Long> epochs) throws Exception {
        List<String> addresses = List.of("127.0.0.1:" + ClusterMainTest.freePort(),
                "127.0.0.1:" + ClusterMainTest.freePort());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (int id = 0; id < 2; id++) {
            int processId = id;
            outcomes.add(pool.submit(() -> {
                try {
                    return Rivulet.clusterMain(ClusterFlows.wordCount(), addresses, processId, 1,
                            RunOptions.defaults().recovery(recovery).epochs(EpochConfig.testing())
                                    .onCapture((step, worker, epoch, items) -> epochs.add(epoch)));
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        return outcomes;
    }

    @Test
    void processesCombineTheirResumePointsAndStartAtTheAgreedEpoch() throws Exception {
        BEGUN.clear();
        List<Long> epochs = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Future<Object> outcome : runBoth(new FakeRecovery(-1), epochs)) {
            assertThat(outcome.get()).isInstanceOf(dev.rivulet.RunResult.class);
        }
        assertThat(BEGUN).containsExactlyInAnyOrderEntriesOf(Map.of(0, 3L, 1, 3L));
        assertThat(epochs).isNotEmpty().allMatch(epoch -> epoch >= 3);
    }

    @Test
    void aStoreThatCannotOpenStopsEveryProcessBeforeDataMoves() throws Exception {
        BEGUN.clear();
        List<Long> epochs = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Future<Object> outcome : runBoth(new FakeRecovery(1), epochs)) {
            assertThat(outcome.get()).isInstanceOf(RivuletException.class);
            assertThat(((RivuletException) outcome.get()).getMessage())
                    .isEqualTo("process 1 could not open its recovery store: the recovery directory belongs to "
                            + "another flow");
        }
        assertThat(BEGUN).isEmpty();
        assertThat(epochs).isEmpty();
    }
}
