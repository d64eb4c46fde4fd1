package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.io.Sources;
import dev.rivulet.io.TestingSource;
import dev.rivulet.testing.NoLeftoverProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RunProgress}: what a progress display sees while a run goes on, in this JVM and from
 * worker JVMs. Each source pauses half-way (a {@link TestingSource} pause sentinel), so "half
 * read" is a state the run really stays in for a while, and the tests await it.
 */
@Timeout(120)
class RunProgressTest {

    @AfterEach
    void noChildProcessesLeft() throws InterruptedException {
        NoLeftoverProcesses.assertNone();
    }

    /** Words w0..w19, each {@code 1 + index} times; half of the entries, a pause, the rest. */
    private static Dataflow pausedWordCount(Duration pause) {
        List<String> words = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> IntStream.rangeClosed(0, i).forEach(k -> words.add("w" + i)));
        java.util.Collections.shuffle(words, new java.util.Random(7));
        int half = words.size() / 2;
        var source = TestingSource.<String>builder().items(words.subList(0, half)).pause(pause)
                .items(words.subList(half, words.size())).build();
        Dataflow flow = new Dataflow("paused-count");
        flow.input("words", source)
                .keyBy("by-word", w -> w)
                .map("one", w -> 1L)
                .reduce("count", Long::sum)
                .capture("counts");
        return flow;
    }

    private static final int WORDS = IntStream.range(0, 20).map(i -> i + 1).sum(); // 210

    @Test
    void aLocalRunShowsItemsReadTheFractionAndTheReduceStateSoFarBeforeAnythingIsCaptured() throws Exception {
        RunProgress progress = new RunProgress().watchState("count");
        List<Integer> capturedWhenSeen = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger captured = new java.util.concurrent.atomic.AtomicInteger();
        RunOptions options = RunOptions.defaults().progress(progress)
                .onCapture((step, worker, epoch, items) -> captured.addAndGet(items.size()));
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(
                () -> Rivulet.run(pausedWordCount(Duration.ofSeconds(2)), 2, options));

        RunProgress.Snapshot half = await(progress, s -> s.itemsRead() == WORDS / 2
                && s.state("count").map(st -> st.keys() > 0).orElse(false));
        capturedWhenSeen.add(captured.get());
        assertThat(half.phase()).isEqualTo(RunProgress.Phase.RUNNING);
        // 105 of 211 entries (the pause sentinel is one): about half, known because lists have a size
        assertThat(half.inputFraction()).isBetween(0.45, 0.55);
        RunProgress.StateSoFar soFar = half.state("count").orElseThrow();
        assertThat(soFar.rows()).isNotEmpty().hasSizeLessThanOrEqualTo(RunProgress.STATE_ROWS);
        // largest counts first, and every count is one of the words read so far
        List<Long> values = soFar.rows().stream().map(kv -> (Long) kv.value()).toList();
        assertThat(values).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(values.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(WORDS / 2);
        // the reduce emits only at the end: nothing was captured yet
        assertThat(capturedWhenSeen).containsExactly(0);

        RunResult result = run.get(60, TimeUnit.SECONDS);
        RunProgress.Snapshot end = progress.snapshot();
        assertThat(end.phase()).isEqualTo(RunProgress.Phase.FINISHED);
        assertThat(end.itemsRead()).isEqualTo(WORDS).isEqualTo(result.stats("words").itemsOut());
        assertThat(end.inputFraction()).isEqualTo(1.0);
        assertThat(end.step("count").orElseThrow().itemsIn()).isEqualTo(WORDS);
        assertThat(end.state("count").orElseThrow().keys()).isEqualTo(20);
        assertThat(end.state("count").orElseThrow().rows().get(0)).isEqualTo(KV.of("w19", 20L));
    }

    @Test
    void workerJvmsReportStartUpThenTheirCountersAndStateToTheParent() throws Exception {
        RunProgress progress = new RunProgress().watchState("count");
        RunOptions options = RunOptions.defaults().progress(progress);
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(
                () -> Rivulet.spawnCluster(pausedWordCount(Duration.ofSeconds(3)), 2, 2, options));
        RunProgress.Snapshot first = await(progress, s -> s.phase() != RunProgress.Phase.WAITING);
        assertThat(first.processes()).isEqualTo(2);
        RunProgress.Snapshot half = await(progress, s -> s.itemsRead() == WORDS / 2
                && s.state("count").map(st -> st.keys() > 0).orElse(false));
        assertThat(half.phase()).isEqualTo(RunProgress.Phase.RUNNING);
        assertThat(half.processesReady()).isEqualTo(2);
        assertThat(half.inputFraction()).isBetween(0.45, 0.55);
        assertThat(half.state("count").orElseThrow().rows()).isNotEmpty();

        RunResult result = run.get(60, TimeUnit.SECONDS);
        RunProgress.Snapshot end = progress.snapshot();
        assertThat(end.phase()).isEqualTo(RunProgress.Phase.FINISHED);
        assertThat(end.itemsRead()).isEqualTo(WORDS).isEqualTo(result.stats("words").itemsOut());
        assertThat(end.inputFraction()).isEqualTo(1.0);
        assertThat(end.state("count").orElseThrow().keys()).isEqualTo(20);
    }

    @Test
    void warmWorkerJvmsOfAPoolReportTheirStateToo() throws Exception {
        try (dev.rivulet.cluster.WorkerPool pool = dev.rivulet.cluster.WorkerPool.start(2, 2)) {
            for (int run = 0; run < 2; run++) {
                RunProgress progress = new RunProgress().watchState("count");
                RunOptions options = RunOptions.defaults().progress(progress);
                CompletableFuture<RunResult> result = CompletableFuture.supplyAsync(
                        () -> pool.run(pausedWordCount(Duration.ofSeconds(2)), options));
                RunProgress.Snapshot half = await(progress, s -> s.itemsRead() == WORDS / 2
                        && s.state("count").map(st -> st.keys() > 0).orElse(false));
                assertThat(half.state("count").orElseThrow().rows()).isNotEmpty();
                result.get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void filesReportTheirProgressInBytesAndRangesInNumbers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lines.txt");
        Files.write(file, IntStream.range(0, 5000).mapToObj(i -> "line " + i).toList());
        RunProgress progress = new RunProgress();
        Dataflow flow = new Dataflow("two-inputs");
        var lines = flow.input("lines", Sources.lines(file)).map("len", s -> (long) s.length());
        flow.input("numbers", Sources.range(0, 10_000, 3)).merge("both", lines).capture("out");
        Rivulet.run(flow, 2, RunOptions.defaults().progress(progress));
        RunProgress.Snapshot end = progress.snapshot();
        RunProgress.StepProgress read = end.step("lines").orElseThrow();
        assertThat(read.sizeTotal()).isEqualTo(Files.size(file));
        assertThat(read.sizeConsumed()).isEqualTo(Files.size(file));
        assertThat(read.itemsOut()).isEqualTo(5000);
        RunProgress.StepProgress numbers = end.step("numbers").orElseThrow();
        assertThat(numbers.sizeTotal()).isEqualTo(10_000);
        assertThat(numbers.fractionRead()).isEqualTo(1.0);
        assertThat(end.itemsRead()).isEqualTo(15_000);
    }

    @Test
    void aSourceWithoutASizeHasNoFraction() {
        RunProgress progress = new RunProgress();
        Dataflow flow = new Dataflow("unsized");
        flow.input("dyn", (dev.rivulet.io.DynamicSource<Integer>) (index, count) -> new dev.rivulet.io.DynamicSourcePartition<>() {
            int next = index;

            @Override
            public boolean nextBatch(List<? super Integer> out, int max) {
                if (next < 100) {
                    out.add(next);
                    next += count;
                }
                return next < 100;
            }
        }).capture("out");
        Rivulet.run(flow, 2, RunOptions.defaults().progress(progress));
        RunProgress.Snapshot end = progress.snapshot();
        assertThat(end.itemsRead()).isEqualTo(100);
        assertThat(end.step("dyn").orElseThrow().unsizedParts()).isEqualTo(2);
        assertThat(end.inputFraction()).isNaN();
    }

    /** Samples {@code progress} until {@code condition} holds (the runs above pause long enough). */
    private static RunProgress.Snapshot await(RunProgress progress, Predicate<RunProgress.Snapshot> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        RunProgress.Snapshot last = progress.snapshot();
        while (System.nanoTime() < deadline) {
            last = progress.snapshot();
            if (condition.test(last)) {
                return last;
            }
            if (last.phase() == RunProgress.Phase.FINISHED) {
                break;
            }
            Thread.sleep(10); // a display's sampling interval, not a synchronisation: the condition decides
        }
        throw new AssertionError("the progress never showed the awaited state; last: " + last);
    }
}
