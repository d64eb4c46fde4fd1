package dev.rivulet.recovery.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S72: which snapshot rows garbage collection removes below the resume bound. */
class GarbageCollectionTest {

    @TempDir
    Path tmp;

    private static final SnapshotCodec CODEC = new SnapshotCodec();

    private static WorkerFile.Row row(String key, long epoch, String value) {
        return new WorkerFile.Row("step", CODEC.encode(key), epoch, value == null ? null : CODEC.encode(value));
    }

    private List<String> remaining(Path file) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet result = connection.createStatement().executeQuery(
                        "SELECT state_key, epoch, snapshot FROM state ORDER BY state_key, epoch")) {
            while (result.next()) {
                byte[] snapshot = result.getBytes(3);
                rows.add(CODEC.decode(result.getBytes(1)) + "@" + result.getLong(2) + "="
                        + (snapshot == null ? "discard" : CODEC.decode(snapshot)));
            }
        }
        return rows;
    }

    private Path collect(List<WorkerFile.Row> rows, List<String> keys) throws Exception {
        Path path = tmp.resolve("w" + System.nanoTime() + ".sqlite3");
        try (WorkerFile file = WorkerFile.open(path, 0)) {
            file.createSchema(new FlowIdentity("f", List.of("step"), "x"), 1, "run");
            file.commit(rows, 0, 0, 0, 0, List.of(), 0, null);
            List<Object[]> gc = new ArrayList<>();
            for (String key : keys) {
                gc.add(new Object[] {"step", CODEC.encode(key)});
            }
            file.commit(List.of(), 0, 6, 6, 6, gc, 6, null);
        }
        return path;
    }

    @Test
    void s72aOnlySupersededRowsBelowTheBoundGo() throws Exception {
        Path file = collect(List.of(row("key1", 5, "x"), row("key1", 6, "y"), row("key1", 10, "z"),
                row("key2", 1, "y"), row("key2", 2, "x"), row("key2", 3, "z")), List.of("key1", "key2"));
        assertThat(remaining(file)).containsExactly("key1@5=x", "key1@6=y", "key1@10=z", "key2@3=z");
    }

    @Test
    void s72bAndCDiscardsBelowTheBoundGoWithEverythingBeforeThem() throws Exception {
        Path b = collect(List.of(row("key", 1, "y"), row("key", 2, "x"), row("key", 3, null), row("key", 7, null)),
                List.of("key"));
        assertThat(remaining(b)).containsExactly("key@7=discard");
        Path c = collect(List.of(row("key", 1, "y"), row("key", 2, "x"), row("key", 3, null)), List.of("key"));
        assertThat(remaining(c)).isEmpty();
    }
}
