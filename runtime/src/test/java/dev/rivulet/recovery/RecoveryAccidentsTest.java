package dev.rivulet.recovery;

import static dev.rivulet.recovery.DirectoryImages.hashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.io.Sources;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The accidents a recovery directory meets besides {@code kill -9}: lost files, an older backup,
 * files of another run, the wrong shape, damaged files. Each ends in exactly the failure-free
 * result or in a refusal that leaves every file byte for byte as it was.
 */
class RecoveryAccidentsTest {

    static final AtomicInteger CRASH_AT = new AtomicInteger(-1);
    static final int ITEMS = 80;

    @TempDir
    Path tmp;

    @BeforeEach
    void disarm() {
        CRASH_AT.set(-1);
    }

    private static Dataflow sums(String name) {
        Dataflow flow = new Dataflow(name);
        flow.input("inp", Sources.testing(IntStream.range(0, ITEMS).boxed().toList()))
                .map("maybe-crash", n -> {
                    if (n == CRASH_AT.get()) {
                        throw new IllegalStateException("simulated crash at " + n);
                    }
                    return n;
                })
                .keyBy("key", n -> "k" + (n % 5))
                .reduce("sum", Integer::sum)
                .capture("out");
        return flow;
    }

    private static Map<String, Integer> failureFree() {
        Map<String, Integer> sums = new TreeMap<>();
        for (int n = 0; n < ITEMS; n++) {
            sums.merge("k" + (n % 5), n, Integer::sum);
        }
        return sums;
    }

    private static RunOptions rec(Path dir) {
        return RunOptions.defaults().epochs(EpochConfig.testing()).recovery(RecoveryConfig.sqlite(dir));
    }

    private static Map<String, Integer> run(Path dir, int workers) {
        return run(dir, workers, "sums");
    }

    private static Map<String, Integer> run(Path dir, int workers, String name) {
        Map<String, Integer> out = new TreeMap<>();
        for (Object item : Rivulet.run(sums(name), workers, rec(dir)).captured("out")) {
            KV<?, ?> kv = (KV<?, ?>) item;
            out.put((String) kv.key(), (Integer) kv.value());
        }
        return out;
    }

    private static void crashAt(Path dir, int workers, int item) {
        CRASH_AT.set(item);
        assertThatThrownBy(() -> run(dir, workers)).isInstanceOf(RivuletException.class)
                .hasMessageContaining("simulated crash at " + item);
        CRASH_AT.set(-1);
    }

    /** Runs and expects a refusal that changed no byte of {@code dir}; returns the message. */
    private static String refused(Path dir, int workers, String name) throws Exception {
        Map<String, String> before = hashes(dir);
        Throwable refusal = org.assertj.core.api.Assertions.catchThrowable(() -> run(dir, workers, name));
        assertThat(refusal).isInstanceOf(RecoveryDirectoryException.class);
        assertThat(hashes(dir)).as("every file byte for byte as before, and no new file").isEqualTo(before);
        return refusal.getMessage();
    }

    @Test
    void aWorkerFileRestoredFromAnOlderBackupIsRefused() throws Exception {
        Path dir = tmp.resolve("state");
        crashAt(dir, 2, 30);
        DirectoryImages.backup(dir.resolve("worker-1.sqlite3"), tmp.resolve("worker-1.backup"));
        crashAt(dir, 2, 60);
        DirectoryImages.restore(tmp.resolve("worker-1.backup"), dir.resolve("worker-1.sqlite3"));
        String message = refused(dir, 2, "sums");
        assertThat(message).contains("are from different moments", "`worker-1.sqlite3`", "is older",
                "restored from an earlier backup", "Nothing in the directory was changed");
    }

    @Test
    void theFilesOfMissingWorkersAreRefusedAndRestoringThemResumesExactly() throws Exception {
        Path dir = tmp.resolve("state");
        crashAt(dir, 4, 40);
        Path saved = tmp.resolve("saved");
        DirectoryImages.copyDirectory(dir, saved);
        for (int worker : new int[] {2, 3}) {
            Files.delete(dir.resolve("worker-" + worker + ".sqlite3"));
        }
        String message = refused(dir, 4, "sums");
        assertThat(message).contains("has the files of workers [0, 1]", "but not of workers [2, 3]",
                "worker-2.sqlite3", "Restore the missing files");
        DirectoryImages.copyDirectory(saved, dir);
        assertThat(run(dir, 4)).isEqualTo(failureFree());
    }

    @Test
    void aFileOfAnotherRunOfTheSameFlowIsRefused() throws Exception {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        crashAt(first, 2, 30);
        crashAt(second, 2, 50);
        Files.copy(second.resolve("worker-1.sqlite3"), first.resolve("worker-1.sqlite3"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String message = refused(first, 2, "sums");
        assertThat(message).contains("different runs of 'sums'", "worker-0.sqlite3", "worker-1.sqlite3");
    }

    @Test
    void aKilledDirectoryWithItsWriteAheadLogResumesExactly() throws Exception {
        Path dir = tmp.resolve("state");
        crashAt(dir, 2, 30);
        Path image = tmp.resolve("image");
        DirectoryImages.killedImage(dir, image);
        assertThat(run(image, 2)).isEqualTo(failureFree());
    }

    @ParameterizedTest
    @ValueSource(strings = {"other-flow", "corrupt-page", "garbage-header",
            "truncated", "empty-file", "missing-file"})
    void aRefusalOfAKilledDirectoryChangesNoByte(String accident) throws Exception {
        Path dir = tmp.resolve("state");
        crashAt(dir, 2, 30);
        Path image = tmp.resolve("image");
        DirectoryImages.killedImage(dir, image);
        Path file = image.resolve("worker-1.sqlite3");
        String name = "sums";
        int workers = 2;
        switch (accident) {
            case "other-flow" -> name = "other";
            case "corrupt-page" -> overwrite(file, Files.size(file) - 4096, 4096);
            case "garbage-header" -> overwrite(file, 0, 100);
            case "truncated" -> {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.setLength(3000);
                }
            }
            case "empty-file" -> Files.write(file, new byte[0]);
            case "missing-file" -> {
                Files.delete(file);
                Files.deleteIfExists(Path.of(file + "-wal"));
                Files.deleteIfExists(Path.of(file + "-shm"));
            }
            default -> throw new IllegalArgumentException(accident);
        }
        String message = refused(image, workers, name);
        assertThat(message).as(accident).doesNotContain(": null");
        assertThat(Files.size(image.resolve("worker-0.sqlite3-wal"))).as("the log was not folded in").isPositive();
    }

    private static void overwrite(Path file, long offset, int length) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            byte[] garbage = new byte[length];
            java.util.Arrays.fill(garbage, (byte) 0x5a);
            raf.write(garbage);
        }
    }

    @Test
    void filesWrittenBeforeRunIdsAndClusterFrontiersAreMigratedWhenARunBegins() throws Exception {
        Path dir = tmp.resolve("state");
        crashAt(dir, 2, 30);
        for (int worker = 0; worker < 2; worker++) {
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                    "jdbc:sqlite:" + dir.resolve("worker-" + worker + ".sqlite3"));
                    java.sql.Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE flow DROP COLUMN run_id");
                statement.execute("ALTER TABLE progress DROP COLUMN cluster_frontier");
            }
        }
        assertThat(run(dir, 2)).isEqualTo(failureFree());
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("worker-1.sqlite3"));
                java.sql.ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT run_id, (SELECT max(cluster_frontier) FROM progress) FROM flow")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isNotBlank();
            assertThat(rows.getLong(2)).isPositive();
        }
    }
}
