package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.io.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rivulet recovery inspect|verify DIR}: read-only, with the verdict a run would reach. */
class RecoveryCommandTest {
    static final AtomicBoolean CRASH = new AtomicBoolean();

    @TempDir
    Path tmp;

    private static Dataflow flow() {
        Dataflow flow = new Dataflow("offline");
        flow.input("inp", Sources.testing(IntStream.range(0, 40).boxed().toList()))
                .map("maybe-crash", n -> {
                    if (n == 20 && CRASH.get()) {
                        throw new IllegalStateException("crash");
                    }
                    return n;
                })
                .keyBy("key", n -> "k" + (n % 3))
                .reduce("sum", Integer::sum)
                .capture("out");
        return flow;
    }

    private Path crashedDirectory() {
        Path dir = tmp.resolve("state");
        CRASH.set(true);
        try {
            Rivulet.run(flow(), 2, RunOptions.defaults().epochs(EpochConfig.testing()).recovery(RecoveryConfig.sqlite(dir)));
        } catch (RivuletException expected) {
            // the crash
        } finally {
            CRASH.set(false);
        }
        return dir;
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
    void inspectShowsTheFlowTheWorkersTheirFrontiersTheHistoryAndTheVerdict() throws Exception {
        Path dir = crashedDirectory();
        Map<String, String> before = hashes(dir);
        CliRun inspect = CliRun.run("recovery", "inspect", dir.toString());
        assertThat(inspect.status).as(inspect.err).isZero();
        assertThat(inspect.out).contains("dataflow:       offline", "stateful steps: inp, sum", "workers:        2",
                "execution 0 started", "total size:", "verdict: consistent; a run of 'offline' with 2 workers would"
                        + " resume from epoch");
        assertThat(inspect.out.lines().filter(line -> line.matches("  [01] +0 +\\d+ .*"))).hasSize(2);
        assertThat(hashes(dir)).isEqualTo(before);
    }

    @Test
    void verifySaysWhereARunWouldResumeOrWhyItWouldBeRefused() throws Exception {
        Path dir = crashedDirectory();
        CliRun ok = CliRun.run("recovery", "verify", dir.toString());
        assertThat(ok.status).isZero();
        assertThat(ok.out).contains("would resume from epoch");
        Files.delete(dir.resolve("worker-1.sqlite3"));
        Map<String, String> before = hashes(dir);
        CliRun refused = CliRun.run("recovery", "verify", dir.toString());
        assertThat(refused.status).isEqualTo(1);
        assertThat(refused.err).contains("has the files of workers [0]", "but not of workers [1]");
        assertThat(CliRun.run("recovery", "inspect", dir.toString()).out).contains("missing or empty", "REFUSED:");
        assertThat(hashes(dir)).isEqualTo(before);
    }

    @Test
    void aDirectoryThatIsNotThereIsAnError() {
        CliRun run = CliRun.run("recovery", "verify", tmp.resolve("nope").toString());
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).contains("does not exist");
        assertThat(CliRun.run("recovery").status).isEqualTo(2);
    }

    @Test
    void verifyWithAShapeSaysFromHowManyWorkersARunWouldRescaleAndInspectShowsTheGenerations() throws Exception {
        Path dir = crashedDirectory();
        Map<String, String> before = hashes(dir);
        CliRun verify = CliRun.run("recovery", "verify", dir.toString(), "-p3", "-w1");
        assertThat(verify.status).as(verify.err).isZero();
        Matcher epoch = Pattern.compile("with 3 workers would resume from epoch (\\d+) as execution 1, rescaling from 2"
                + " to 3 workers").matcher(verify.out);
        assertThat(epoch.find()).as(verify.out).isTrue();
        assertThat(CliRun.run("recovery", "verify", dir.toString(), "-w2").out)
                .contains("a run of 'offline' with 2 workers would resume from epoch").doesNotContain("rescaling");
        assertThat(hashes(dir)).isEqualTo(before);
        // The rescaled run continues the crashed one; inspect then shows the new generation.
        CRASH.set(false);
        Rivulet.run(flow(), 3, RunOptions.defaults().epochs(EpochConfig.testing()).recovery(RecoveryConfig.sqlite(dir)));
        CliRun inspect = CliRun.run("recovery", "inspect", dir.toString());
        assertThat(inspect.status).as(inspect.out).isZero();
        assertThat(inspect.out).containsPattern("generation 1 \\(gen-1-[0-9a-zA-Z]{8}/\\): current")
                .contains("workers:        3");
        assertThat(CliRun.run("recovery", "verify", dir.toString()).out).contains("a run of 'offline' with 3 workers")
                .doesNotContain("rescaling");
        assertThat(CliRun.run("recovery", "verify", dir.toString(), "-p", "0").status).isEqualTo(2);
    }
}
