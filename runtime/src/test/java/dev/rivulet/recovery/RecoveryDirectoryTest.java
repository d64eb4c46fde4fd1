package dev.rivulet.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.io.Sinks;
import dev.rivulet.io.Sources;
import dev.rivulet.io.TestingSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks made before any data moves, garbage collection, and exactly-once file output. */
class RecoveryDirectoryTest {

    @TempDir
    Path tmp;

    private static Dataflow counting(String name, List<Integer> items) {
        Dataflow flow = new Dataflow(name);
        flow.input("inp", Sources.testing(items))
                .keyBy("key", n -> "k" + (n % 3))
                .reduce("sum", Integer::sum)
                .capture("out");
        return flow;
    }

    private static RunOptions rec(Path dir) {
        return RunOptions.defaults().epochs(EpochConfig.testing()).recovery(RecoveryConfig.sqlite(dir));
    }

    @Test
    void aMissingDirectoryIsCreated() {
        Path dir = tmp.resolve("not/yet/there");
        Rivulet.runMain(counting("count", List.of(1, 2, 3)), rec(dir));
        assertThat(dir.resolve("worker-0.sqlite3")).isRegularFile();
    }

    @Test
    void aRecoveryPathThatIsAFileIsRefusedAndLeftAlone() throws Exception {
        Path file = Files.writeString(tmp.resolve("state"), "my notes");
        assertThatThrownBy(() -> Rivulet.runMain(counting("count", List.of(1)), rec(file)))
                .isInstanceOf(RecoveryDirectoryException.class)
                .hasMessageContaining("recovery directory `" + file + "` is a file, not a directory")
                .hasMessageContaining("choose another path for the recovery of dataflow 'count'");
        assertThat(file).hasContent("my notes");
    }

    @Test
    void anEmptyDatabaseLeftByAKilledFirstStartIsMadeAnew() throws Exception {
        // A process killed between creating its worker file and committing the schema leaves an
        // SQLite database with no tables; every later run must still be able to start.
        Path file = tmp.resolve("worker-0.sqlite3");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            connection.createStatement().execute("PRAGMA journal_mode = WAL");
        }
        assertThat(Files.size(file)).isPositive();
        List<KV<String, Integer>> first = Rivulet.runMain(counting("count", List.of(1, 2, 3)), rec(tmp))
                .captured("out");
        assertThat(first).containsExactlyInAnyOrder(new KV<>("k1", 1), new KV<>("k2", 2), new KV<>("k0", 3));
        List<KV<String, Integer>> resumed = Rivulet.runMain(counting("count", List.of(1, 2, 3, 4)), rec(tmp))
                .captured("out");
        assertThat(resumed).as("the first run's state was kept: only the new item counts")
                .containsExactly(new KV<>("k1", 5));
    }

    @Test
    void aDirectoryOfAnotherDataflowIsRefusedAndLeftAlone() throws Exception {
        Rivulet.runMain(counting("first", List.of(1, 2, 3)), rec(tmp));
        byte[] before = Files.readAllBytes(tmp.resolve("worker-0.sqlite3"));
        assertThatThrownBy(() -> Rivulet.runMain(counting("second", List.of(1)), rec(tmp)))
                .isInstanceOf(RecoveryDirectoryException.class)
                .hasMessageContaining("belongs to dataflow 'first', not to 'second'")
                .hasMessageContaining("its own recovery directory");
        assertThat(Files.readAllBytes(tmp.resolve("worker-0.sqlite3"))).isEqualTo(before);
    }

    @Test
    void aChangedWorkerCountContinuesTheRunBothWays() {
        for (int[] shape : new int[][] {{2, 1}, {1, 2}}) {
            Path dir = tmp.resolve(shape[0] + "-then-" + shape[1]);
            Rivulet.run(counting("count", List.of(1, 2, 3)), shape[0], rec(dir));
            // Only the new items are read; every key's sum goes on from where the first run left it.
            List<Object> continued = Rivulet.run(counting("count", List.of(1, 2, 3, 4, 5, 6)), shape[1], rec(dir))
                    .captured("out");
            assertThat(continued).containsExactlyInAnyOrder(KV.of("k0", 9), KV.of("k1", 5), KV.of("k2", 7));
        }
    }

    @Test
    void aCorruptFileIsReportedAndNeverOverwritten() throws Exception {
        Path file = tmp.resolve("worker-0.sqlite3");
        Files.writeString(file, "this is not a database at all, just some text");
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> Rivulet.runMain(counting("count", List.of(1)), rec(tmp)))
                .isInstanceOf(RecoveryDirectoryException.class)
                .hasMessageContaining("recovery file `" + file + "` is unreadable or corrupt")
                .hasMessageContaining("left untouched");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void anSqliteFileThatIsNotOursIsRefused() throws Exception {
        Path file = tmp.resolve("worker-0.sqlite3");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            connection.createStatement().execute("CREATE TABLE customers (name TEXT)");
        }
        assertThatThrownBy(() -> Rivulet.runMain(counting("count", List.of(1)), rec(tmp)))
                .hasMessageContaining("not a Rivulet recovery file");
    }

    private static long stateRows(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM state")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void garbageCollectionKeepsTheFilesBoundedOnLongRuns() throws Exception {
        List<Integer> items = IntStream.range(0, 600).boxed().toList();
        Rivulet.run(counting("count", items), 2, rec(tmp));
        // 600 epochs touched 3 keys and 1 input partition; without GC there would be ~1200 rows.
        long rows = stateRows(tmp.resolve("worker-0.sqlite3")) + stateRows(tmp.resolve("worker-1.sqlite3"));
        assertThat(rows).isLessThanOrEqualTo(2 * (3 + 1));
    }

    @Test
    void aFileSinkHoldsEveryItemExactlyOnceAcrossACrash() throws Exception {
        Path out = tmp.resolve("out.txt");
        Path dir = tmp.resolve("state");
        TestingSource<Integer> source = TestingSource.<Integer>builder()
                .items(0, 1, 2, 3, 4).abort().items(5, 6, 7, 8, 9).build();
        Dataflow flow = new Dataflow("exactly-once");
        flow.input("inp", source).map("double", n -> n * 2).output("file", Sinks.file(out));
        assertThatThrownBy(() -> Rivulet.runMain(flow, rec(dir))).isInstanceOf(dev.rivulet.RivuletException.class);
        assertThat(Files.readAllLines(out)).startsWith("0", "2", "4");
        Rivulet.runMain(flow, rec(dir));
        assertThat(Files.readAllLines(out)).containsExactly("0", "2", "4", "6", "8", "10", "12", "14", "16", "18");
    }

    @Test
    void keyedStateSurvivesWithFourWorkers() {
        List<Integer> items = new ArrayList<>(IntStream.range(0, 40).boxed().toList());
        Dataflow flow = counting("four", items);
        List<KV<String, Integer>> first = Rivulet.run(flow, 4, rec(tmp)).captured("out");
        assertThat(first).hasSize(3);
        items.addAll(List.of(100, 101, 102));
        List<KV<String, Integer>> second = Rivulet.run(counting("four", items), 4, rec(tmp)).captured("out");
        int total = IntStream.range(0, 40).sum() + 303;
        assertThat(second.stream().mapToInt(KV::value).sum()).isEqualTo(total);
    }
}
