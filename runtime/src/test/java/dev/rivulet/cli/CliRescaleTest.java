package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.cli.fixtures.RescaleFlows;
import dev.rivulet.recovery.SequenceSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rivulet run --sqlite-directory} killed with SIGKILL and resumed with another shape
 * ({@code -p}/{@code -w}): the recovery directory is rescaled and the result is the failure-free
 * one. Every run is a real {@code rivulet run} in its own JVM (with its own worker JVMs for
 * {@code -p} > 1), so that it can be killed.
 */
@Timeout(240)
class CliRescaleTest {

    @TempDir
    Path tmp;

    /** A started {@code rivulet run}: its process and its output. */
    private record Run(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }
    }

    private static Run start(Path log, String flow, int processes, int workers, Path dir) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RivuletCli.class.getName(), "run", flow,
                "-p", Integer.toString(processes), "-w", Integer.toString(workers),
                "--sqlite-directory", dir.toString(), "--epoch-interval", "0.05");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Run(process, log);
    }

    /** SIGKILLs the run's processes ({@code all}) or one of them at random; returns the victims. */
    private static List<ProcessHandle> kill(Run run, boolean all, Random random) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(run.process().toHandle());
        run.process().descendants().forEach(tree::add);
        List<ProcessHandle> victims = all ? tree : List.of(tree.get(random.nextInt(tree.size())));
        victims.forEach(ProcessHandle::destroyForcibly);
        return tree;
    }

    /** Waits for the run and every process it had started to end; returns its exit status. */
    private static int await(Run run, List<ProcessHandle> tree) throws Exception {
        assertThat(run.process().waitFor(90, TimeUnit.SECONDS)).as("the run ended").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                .as("no worker JVM left behind").isEmpty();
        return run.process().exitValue();
    }

    private static String flow(String builder, Path out) {
        return RescaleFlows.class.getName() + ":" + builder + "(\"" + out.toString().replace("\\", "\\\\") + "\")";
    }

    @Test
    void aWordCountKilledUnderP2W2ResumesUnderP3W1WithTheFailureFreeCounts() throws Exception {
        Path dir = tmp.resolve("state");
        Path out = tmp.resolve("counts.txt");
        Run first = start(tmp.resolve("first.log"), flow("counting", out), 2, 2, dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dir.resolve("worker-3.sqlite3")) && first.process().isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(1500); // fault injection: part-way through the ~5 s of input
        List<ProcessHandle> tree = kill(first, true, new Random(1));
        await(first, tree);
        assertThat(first.output()).doesNotContain("failed");

        Run second = start(tmp.resolve("second.log"), flow("counting", out), 3, 1, dir);
        int status = await(second, List.of(second.process().toHandle()));
        assertThat(status).as(second.output()).isZero();
        Matcher resumed = Pattern.compile("resuming from epoch (\\d+) .*rescaling from 4 to 3 workers")
                .matcher(second.output());
        assertThat(resumed.find()).as(second.output()).isTrue();
        assertThat(Long.parseLong(resumed.group(1))).as("killed part-way, after some epochs").isPositive();
        List<String> expected = IntStream.range(0, RescaleFlows.KEYS).mapToObj(k -> "key-" + k + "=" + RescaleFlows.PER_KEY)
                .toList();
        List<String> counts = new ArrayList<>(Files.readAllLines(out));
        counts.sort(null);
        assertThat(counts).as("the counts of a run without failure").isEqualTo(expected);
    }

    @Test
    void sigkillsAtRandomMomentsInterleavedWithRescalesEndWithTheFailureFreeOutput() throws Exception {
        Path dir = tmp.resolve("state");
        Path out = tmp.resolve("out");
        int[][] shapes = {{1, 2}, {2, 2}, {1, 1}, {3, 1}};
        Random random = new Random(20261202);
        int kills = 0;
        int startupKills = 0;
        boolean finished = false;
        for (int attempt = 0; !finished; attempt++) {
            assertThat(attempt).as("runs needed").isLessThan(20);
            int[] shape = shapes[Math.min(attempt, kills) % shapes.length];
            Set<Path> generationsBefore = generations(dir);
            Run run = start(tmp.resolve("run-" + attempt + ".log"), flow("sequenceCheck", out), shape[0], shape[1], dir);
            List<ProcessHandle> tree = List.of(run.process().toHandle());
            String killed = "no kill";
            if (kills < 6) {
                if (attempt > 0 && startupKills < 2 && attempt % 2 == 1) {
                    // During the rescale's start-up: once its new generation exists, before it commits.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (generations(dir).equals(generationsBefore) && run.process().isAlive()
                            && System.nanoTime() < deadline) {
                        Thread.sleep(2);
                    }
                    killed = "killed in the rescale's start-up";
                    startupKills++;
                } else {
                    Thread.sleep(400 + random.nextInt(2500));
                    killed = "killed at a random moment";
                }
                if (run.process().isAlive()) {
                    tree = kill(run, random.nextBoolean(), random);
                    kills++;
                } else {
                    killed = "no kill";
                }
            }
            int status = await(run, tree);
            String output = run.output();
            System.out.println("rescale run " + attempt + " -p" + shape[0] + " -w" + shape[1] + ": " + killed
                    + ", exit " + status);
            assertThat(output).doesNotContain("SEQUENCE BROKEN");
            if (killed.equals("no kill")) {
                assertThat(status).as("a run that was not killed: %s", output).isZero();
                finished = kills >= 6;
            }
        }
        assertThat(startupKills).isEqualTo(2);

        Map<String, List<Integer>> perKey = SequenceSource.readPerKey(out);
        assertThat(perKey).hasSize(RescaleFlows.KEYS);
        List<Integer> all = IntStream.range(0, RescaleFlows.PER_KEY).boxed().toList();
        perKey.forEach((key, seqs) -> assertThat(seqs).as("%s: every item exactly once, in order", key).isEqualTo(all));
    }

    private static Set<Path> generations(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return Set.copyOf(entries.filter(p -> p.getFileName().toString().startsWith("gen-")).toList());
        }
    }
}
