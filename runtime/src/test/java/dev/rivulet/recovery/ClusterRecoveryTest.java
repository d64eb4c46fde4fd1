package dev.rivulet.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.KeyedStream;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.StateUpdate;
import dev.rivulet.io.Sinks;
import dev.rivulet.io.Sources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.rivulet.testing.NoLeftoverProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Recovery on a cluster of 2 processes × 2 workers, including SIGKILLs at random moments. */
@Timeout(180)
class ClusterRecoveryTest {

    @TempDir
    Path tmp;

    @AfterEach
    void noChildProcessesLeft() throws InterruptedException {
        NoLeftoverProcesses.assertNone();
    }

    record Item(String key, int value) implements java.io.Serializable {
    }

    private static Dataflow keepMax(List<Item> input) {
        Dataflow flow = new Dataflow("keep_max");
        KeyedStream.of(flow.input("inp", Sources.testing(input)).map("kv", item -> KV.of(item.key(), item.value())))
                .<Integer, Integer>statefulMap("keep_max", () -> Integer.MIN_VALUE,
                        (max, value) -> StateUpdate.of(Math.max(max, value), Math.max(max, value)))
                .capture("out");
        return flow;
    }

    private static List<String> sorted(List<KV<String, Integer>> out) {
        return out.stream().map(kv -> kv.key() + "=" + kv.value()).sorted().toList();
    }

    @Test
    void s22ContinuationOnTwoProcessesOfTwoWorkers() {
        RunOptions options = RunOptions.defaults().epochs(EpochConfig.testing())
                .recovery(RecoveryConfig.sqlite(tmp.resolve("state")));
        List<Item> input = new ArrayList<>(List.of(new Item("a", 4), new Item("b", 4)));
        assertThat(sorted(Rivulet.spawnCluster(keepMax(input), 2, 2, options).captured("out")))
                .containsExactly("a=4", "b=4");
        input.addAll(List.of(new Item("a", 1), new Item("b", 5)));
        assertThat(sorted(Rivulet.spawnCluster(keepMax(input), 2, 2, options).captured("out")))
                .containsExactly("a=4", "b=5");
        assertThat(Rivulet.spawnCluster(keepMax(input), 2, 2, options).<KV<String, Integer>>captured("out")).isEmpty();
        assertThat(tmp.resolve("state")).isDirectoryContaining("glob:**/worker-3.sqlite3");
    }

    static final int KEYS = 8;
    static final int PER_KEY = 400;

    /**
     * Checks that every key's sequence numbers arrive exactly once and in order, across resumes.
     * 100 items a second per partition: the input lasts 8 s, longer than the ten killed runs
     * read together however fast the machine, so the kills land part-way.
     */
    private static Dataflow sequenceCheck(Path out) {
        Dataflow flow = new Dataflow("sequence-check");
        KeyedStream.of(flow.input("seq", new SequenceSource(4, KEYS, PER_KEY, 100)))
                .<Integer, Integer>statefulMap("check", () -> 0, (expected, seq) -> {
                    if (seq != expected.intValue()) {
                        throw new IllegalStateException("SEQUENCE BROKEN: expected " + expected + ", got " + seq);
                    }
                    return StateUpdate.of(expected + 1, seq);
                })
                .output("files", Sinks.dir(out, 4))
                .capture("seen");
        return flow;
    }

    @Test
    void sigkillAtRandomMomentsLosesNothingAndDuplicatesOnlyAroundResumes() throws Exception {
        Path out = tmp.resolve("out");
        RunOptions options = RunOptions.defaults().epochs(EpochConfig.periodic(Duration.ofMillis(50)))
                .recovery(RecoveryConfig.sqlite(tmp.resolve("state")));
        Random random = new Random(20261122);
        List<List<String>> emittedPerRun = new ArrayList<>();
        int kills = 0;
        int crashedRuns = 0;
        boolean finished = false;
        while (!finished) {
            List<String> emitted = Collections.synchronizedList(new ArrayList<>());
            emittedPerRun.add(emitted);
            RunOptions run = options.onCapture((step, worker, epoch, items) -> {
                for (Object item : items) {
                    KV<?, ?> kv = (KV<?, ?>) item;
                    emitted.add(kv.key() + "#" + kv.value());
                }
            });
            long runStart = System.nanoTime();
            String killed = "no kill";
            CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
                try {
                    return Rivulet.spawnCluster(sequenceCheck(out), 2, 2, run);
                } catch (RuntimeException e) {
                    return e;
                }
            });
            if (kills < 10) {
                Thread.sleep(600 + random.nextInt(1400));
                List<ProcessHandle> children = ProcessHandle.current().children().toList();
                if (!children.isEmpty() && !outcome.isDone()) {
                    ProcessHandle victim = children.get(random.nextInt(children.size()));
                    victim.destroyForcibly(); // SIGKILL
                    killed = "killed pid " + victim.pid() + " after " + elapsedMillis(runStart) + " ms";
                    kills++;
                }
            }
            Object result;
            try {
                result = outcome.get(40, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // A run this long is stuck: say where, in this JVM and in its worker JVMs, for the CI log.
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    System.out.println("\"" + thread.getName() + "\" " + thread.getState());
                    for (StackTraceElement frame : stack) {
                        System.out.println("    at " + frame);
                    }
                });
                for (ProcessHandle child : ProcessHandle.current().children().toList()) {
                    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                            Long.toString(child.pid()), "Thread.print").redirectErrorStream(true).start();
                    System.out.println("worker JVM " + child.pid() + ":\n"
                            + new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
                throw e;
            }
            System.out.println("sigkill run " + emittedPerRun.size() + ": " + killed + "; ended after "
                    + elapsedMillis(runStart) + " ms: " + (result instanceof Throwable t ? t.getMessage() : "finished"));
            if (result instanceof RivuletException failure) {
                assertThat(failure.getMessage()).doesNotContain("SEQUENCE BROKEN");
                // Only a kill may end a run: a run that failed by itself means the kills before it
                // left the recovery directory unusable (and every later run would fail the same way).
                assertThat(killed).as("a run failed without being killed: %s", failure.getMessage())
                        .isNotEqualTo("no kill");
                crashedRuns++;
            } else if (result instanceof Throwable other) {
                fail("unexpected failure", other);
            } else {
                finished = kills >= 10;
            }
        }
        assertThat(kills).isGreaterThanOrEqualTo(10);
        assertThat(crashedRuns).as("runs killed part-way").isGreaterThanOrEqualTo(8);

        // Exactly once in the files: every sequence number of every key, in order.
        Map<String, List<Integer>> perKey = SequenceSource.readPerKey(out);
        assertThat(perKey).hasSize(KEYS);
        List<Integer> all = java.util.stream.IntStream.range(0, PER_KEY).boxed().toList();
        perKey.forEach((key, seqs) -> assertThat(seqs).as(key).isEqualTo(all));

        // Duplicates in the live (at-least-once) stream only re-emit a run's uncommitted tail: in
        // each run, the items of a key already emitted by earlier runs come before any new one.
        Map<String, Integer> highest = new HashMap<>();
        for (List<String> run : emittedPerRun) {
            Map<String, Boolean> sawNew = new HashMap<>();
            Map<String, Integer> runHighest = new HashMap<>();
            for (String item : run) {
                String key = item.substring(0, item.indexOf('#'));
                int seq = Integer.parseInt(item.substring(item.indexOf('#') + 1));
                boolean duplicate = seq <= highest.getOrDefault(key, -1);
                if (duplicate) {
                    assertThat(sawNew.getOrDefault(key, false)).as("re-emitted %s after new items", item).isFalse();
                } else {
                    sawNew.put(key, true);
                }
                runHighest.merge(key, seq, Math::max);
            }
            runHighest.forEach((key, seq) -> highest.merge(key, seq, Math::max));
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
