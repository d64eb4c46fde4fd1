package dev.rivulet.recovery.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Dataflow;
import dev.rivulet.engine.WorkerRecovery;
import dev.rivulet.io.Sources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that stored an epoch the cluster did not complete (it was killed before the other
 * worker stored it) left rows of that epoch behind. The resumed run redoes the epoch; rows of
 * the dead run must not be found by a later resume, or it mixes state of two runs: a count of
 * the dead run with the offsets of the new one, or a sink snapshot whose records the dead run
 * never committed. (Found while looking into issue #18; the startup epochs of a resumed run,
 * before its consumers have fetched anything, touch no key, so a second kill there can hit it.)
 */
class UncompletedEpochRowsTest {
    @TempDir
    Path dir;

    private final Dataflow flow = flow();

    private static Dataflow flow() {
        Dataflow flow = new Dataflow("f");
        flow.input("inp", Sources.testing(List.of(1))).capture("out");
        return flow;
    }

    private SqliteStore start(long expectedResume) {
        SqliteStore store = SqliteStore.open(dir, flow, 2, 0, 2);
        long resume = store.agree(List.of(store.report())).epoch();
        assertThat(resume).isEqualTo(expectedResume);
        store.begin(resume);
        return store;
    }

    @Test
    void rowsOfAnEpochNotCompletedEverywhereAreGoneAfterTheResume() {
        SqliteStore first = start(0);
        WorkerRecovery w0 = first.worker(0);
        WorkerRecovery w1 = first.worker(1);
        w0.snapshot("count", "k", 0, 10);
        w0.commit(1, 0, 0);
        w1.commit(1, 0, 1);
        w0.snapshot("count", "k", 1, 99); // worker 0 stores epoch 1 ...
        w0.commit(2, 1, 1);
        first.close(); // ... and the run dies before worker 1 stores it

        SqliteStore second = start(1);
        assertThat(second.worker(0).load("count", key -> true)).containsEntry("k", 10);
        // the resumed run redoes epochs 1 and 2 without touching k, then dies
        for (WorkerRecovery w : List.of(second.worker(0), second.worker(1))) {
            w.commit(2, 1, 2);
            w.commit(3, 2, 3);
        }
        second.close();

        SqliteStore third = start(3);
        try {
            assertThat(third.worker(0).load("count", key -> true)).as("k as of epoch 2 of the second run")
                    .containsEntry("k", 10);
        } finally {
            third.close();
        }
    }
}
