package dev.rivulet.recovery.internals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Dataflow;
import dev.rivulet.io.Sources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key whose snapshots are in two local workers' files resumes with the newest one. */
class LocalFilesMergeTest {
    private static final SnapshotCodec CODEC = new SnapshotCodec();

    @TempDir
    Path dir;

    private void write(int worker, long epoch, String value) throws Exception {
        try (WorkerFile file = WorkerFile.open(SqliteStore.fileOf(dir, worker), worker)) {
            file.createSchema(new FlowIdentity("f", List.of("step"), "x"), 2, "run");
            file.begin(0, 2, 0);
            file.commit(List.of(new WorkerFile.Row("step", CODEC.encode("k"), epoch, CODEC.encode(value))), 0, 12, 11,
                    12, List.of(), 0, null);
        }
    }

    @Test
    void theNewestSnapshotWinsWhicheverFileHoldsIt() throws Exception {
        write(0, 9, "new");   // read first
        write(1, 5, "old");   // read last: must not win
        Dataflow flow = new Dataflow("f");
        flow.input("inp", Sources.testing(List.of(1))).capture("out");
        SqliteStore store = SqliteStore.open(dir, flow, 2, 0, 2);
        try {
            store.agree(List.of(store.report()));
            store.begin(12);
            assertThat(store.worker(0).load("step", key -> true)).containsEntry("k", "new");
            assertThat(store.worker(1).load("step", key -> true)).containsEntry("k", "new");
        } finally {
            store.close();
        }
    }
}
