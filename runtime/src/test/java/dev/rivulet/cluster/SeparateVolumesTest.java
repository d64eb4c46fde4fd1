package dev.rivulet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code -a/-i} cluster whose processes keep their recovery files on their own volumes: when
 * one volume is lost, every process refuses the run (not only the one that lost it), and neither
 * volume is written.
 */
@Timeout(120)
class SeparateVolumesTest {

    @TempDir
    Path tmp;

    private List<Object> runBoth(List<Path> volumes) throws Exception {
        return runBoth(volumes, 2);
    }

    private List<Object> runBoth(List<Path> volumes, int workersPerProcess) throws Exception {
        List<String> addresses = List.of("127.0.0.1:" + ClusterMainTest.freePort(),
                "127.0.0.1:" + ClusterMainTest.freePort());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (int id = 0; id < 2; id++) {
            int processId = id;
            outcomes.add(pool.submit(() -> {
                try {
                    return Rivulet.clusterMain(ClusterFlows.wordCount(), addresses, processId, workersPerProcess,
                            RunOptions.defaults().epochs(EpochConfig.testing())
                                    .recovery(RecoveryConfig.sqlite(volumes.get(processId))));
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        List<Object> results = new ArrayList<>();
        for (Future<Object> outcome : outcomes) {
            results.add(outcome.get());
        }
        return results;
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                hashes.put(file.getFileName().toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return hashes;
    }

    @Test
    void aLostVolumeIsRefusedByEveryProcessAndNoVolumeIsWritten() throws Exception {
        List<Path> volumes = List.of(tmp.resolve("machine-a"), tmp.resolve("machine-b"));
        List<KV<String, Long>> counts = new ArrayList<>();
        for (Object result : runBoth(volumes)) {
            assertThat(result).isInstanceOf(RunResult.class);
            counts.addAll(((RunResult) result).<KV<String, Long>>captured("counts"));
        }
        assertThat(ClusterFlows.counts(counts)).isEqualTo(
                ClusterFlows.counts(Rivulet.run(ClusterFlows.wordCount(), 1).captured("counts")));
        assertThat(hashes(volumes.get(1))).containsKeys("worker-2.sqlite3", "worker-3.sqlite3");
        try (Stream<Path> files = Files.list(volumes.get(1))) {
            for (Path file : files.toList()) {
                Files.delete(file); // machine b's volume is lost
            }
        }
        Map<String, String> a = hashes(volumes.get(0));
        for (Object result : runBoth(volumes)) {
            assertThat(result).isInstanceOf(RivuletException.class);
            assertThat(((RivuletException) result).getMessage()).contains("has the files of workers [0, 1]",
                    "but not of workers [2, 3]", volumes.get(1).resolve("worker-2.sqlite3").toString());
        }
        assertThat(hashes(volumes.get(0))).isEqualTo(a);
        assertThat(hashes(volumes.get(1))).isEmpty();
    }

    @Test
    void aRescaleOfSeparateVolumesIsRefusedByEveryProcessNamingWhatIsMissing() throws Exception {
        List<Path> volumes = List.of(tmp.resolve("machine-a"), tmp.resolve("machine-b"));
        for (Object result : runBoth(volumes)) {
            assertThat(result).isInstanceOf(RunResult.class);
        }
        Map<String, String> a = hashes(volumes.get(0));
        Map<String, String> b = hashes(volumes.get(1));
        for (Object result : runBoth(volumes, 1)) {
            assertThat(result).isInstanceOf(RivuletException.class);
            assertThat(((RivuletException) result).getMessage()).contains("from 4 to 2 workers",
                    "process 0 (directory `" + volumes.get(0) + "`) lacks the files of workers [2, 3]",
                    "separate volumes cannot rescale", "Run with 4 workers");
            dev.rivulet.TroubleshootingMessagesTest.assertQuoted(((RivuletException) result).getMessage(),
                    "rescaling the recovery of '", "' from 4 to 2 workers needs every worker file of the previous run on"
                            + " every process, but process 0 (directory ", ") lacks the files of workers [2, 3]");
        }
        assertThat(hashes(volumes.get(0))).isEqualTo(a);
        assertThat(hashes(volumes.get(1))).isEqualTo(b);
        // The shape that wrote the volumes still resumes.
        for (Object result : runBoth(volumes)) {
            assertThat(result).isInstanceOf(RunResult.class);
        }
    }
}
