package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.io.DynamicSource;
import dev.rivulet.io.Sinks;
import dev.rivulet.io.Sources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scenarios S02, S04 and the error cases of the foundation issue. */
class ErrorsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(20)
    void exceptionInMapNamesStepItemAndWorker(int workers) {
        List<Integer> out = new ArrayList<>();
        var flow = new Dataflow("boom");
        flow.input("inp", Sources.testing(List.of(0, 1, 2)))
                .map("explode", x -> {
                    if (x == 0) {
                        throw new IllegalStateException("BOOM");
                    }
                    return x;
                })
                .output("out", Sinks.collect(out));
        assertThatThrownBy(() -> Rivulet.run(flow, workers, RunOptions.defaults()))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("step 'explode' (map) failed on worker")
                .hasMessageContaining("of " + workers)
                .hasMessageContaining("while processing item 0")
                .hasMessageContaining("IllegalStateException: BOOM")
                .satisfies(e -> {
                    RivuletException r = (RivuletException) e;
                    assertThat(r.stepId()).isEqualTo("explode");
                    assertThat(r.operator()).isEqualTo("map");
                    assertThat(r.item()).isEqualTo("0");
                    assertThat(r.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("BOOM");
                });
        assertThat(out.size()).isLessThan(3);
    }

    @Test
    @Timeout(20)
    void longItemsAreShortenedInMessages() {
        String huge = "x".repeat(10_000);
        var flow = new Dataflow("long-item");
        flow.input("inp", Sources.testing(List.of(huge)))
                .map("explode", s -> Integer.parseInt(s))
                .capture("out");
        assertThatThrownBy(() -> Rivulet.runMain(flow))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("step 'explode' (map)")
                .hasMessageContaining("NumberFormatException")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(600));
    }

    @Test
    @Timeout(30)
    void failureOnOneWorkerStopsAllWorkersPromptlyAndIsReportedOnce() {
        // An endless source on every worker: only the failure can end this run.
        var flow = new Dataflow("endless");
        flow.input("tick", (DynamicSource<Integer>) (index, count) -> (out, max) -> {
                    out.add(index);
                    return true;
                })
                .keyBy("key", i -> i)
                .statefulMap("count", () -> 0, (n, i) -> {
                    if (n == 1000 && i == 3) {
                        throw new ArithmeticException("worker-3 key failed");
                    }
                    return StateUpdate.of(n + 1, n);
                })
                .capture("out");
        assertThatThrownBy(() -> Rivulet.run(flow, 4, RunOptions.defaults()))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("step 'count' (statefulMap)")
                .hasMessageContaining("ArithmeticException: worker-3 key failed")
                .hasNoSuppressedExceptions();
    }

    @Test
    void duplicateStepIdFailsAtOnceNamingBoth() {
        var flow = new Dataflow("dupes");
        var s = flow.input("inp", Sources.testing(List.of(1)));
        s.map("double", x -> x * 2);
        assertThatThrownBy(() -> s.filter("double", x -> true))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageContaining("flow 'dupes' already has a step 'double' (a map)")
                .hasMessageContaining("rename the filter step");
    }

    @Test
    void flowWithoutInputIsRejectedBeforeRunning() {
        var flow = new Dataflow("no-input");
        assertThatThrownBy(() -> Rivulet.runMain(flow))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageContaining("Dataflow 'no-input' needs at least one input");
    }

    @Test
    void flowWithoutOutputIsRejectedBeforeRunning() {
        List<Integer> seen = new ArrayList<>();
        var flow = new Dataflow("no-output");
        flow.input("inp", Sources.testing(List.of(0, 1, 2))).inspect("look", seen::add);
        assertThatThrownBy(() -> Rivulet.runMain(flow))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageContaining("Dataflow 'no-output' needs at least one output")
                .hasMessageContaining(".capture(stepId)");
        assertThat(seen).isEmpty();
    }

    @Test
    void blankStepIdIsRejected() {
        var flow = new Dataflow("blank");
        assertThatThrownBy(() -> flow.input(" ", Sources.testing(List.of(1))))
                .isInstanceOf(FlowDefinitionException.class)
                .hasMessageContaining("has no step id");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(20)
    void unroutableKeyNamesStepAndClass(int workers) {
        var flow = new Dataflow("bad-key");
        flow.input("inp", Sources.testing(List.of("a", "b")))
                .keyBy("by-object", x -> new Object())
                .reduce("count", (a, b) -> a)
                .capture("out");
        assertThatThrownBy(() -> Rivulet.run(flow, workers, RunOptions.defaults()))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("step 'by-object' (keyBy)")
                .hasMessageContaining("a key of class java.lang.Object")
                .hasMessageContaining("String, a boxed primitive, an enum");
    }

    @Test
    @Timeout(20)
    void nullKeyIsAnErrorNamingTheStep() {
        var flow = new Dataflow("null-key");
        flow.input("inp", Sources.testing(List.of("a")))
                .keyBy("by-nothing", x -> null)
                .reduce("count", (a, b) -> a)
                .capture("out");
        assertThatThrownBy(() -> Rivulet.runMain(flow))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("step 'by-nothing' (keyBy)")
                .hasMessageContaining("a null key");
    }

    @Test
    @Timeout(20)
    void unroutableKeyInsideARecordIsFoundToo() {
        record Pair(String name, Object extra) {
        }
        var flow = new Dataflow("record-key");
        flow.input("inp", Sources.testing(List.of("a")))
                .keyBy("by-pair", x -> new Pair(x, new StringBuilder()))
                .reduce("count", (a, b) -> a)
                .capture("out");
        assertThatThrownBy(() -> Rivulet.runMain(flow))
                .hasMessageContaining("step 'by-pair' (keyBy)")
                .hasMessageContaining("java.lang.StringBuilder");
    }

    @Test
    @Timeout(20)
    void statefulMapReturningNullSaysWhatToReturn() {
        var flow = new Dataflow("null-update");
        flow.input("inp", Sources.testing(List.of("a")))
                .keyBy("k", x -> x)
                .statefulMap("mapper", () -> 0, (s, x) -> null)
                .capture("out");
        assertThatThrownBy(() -> Rivulet.runMain(flow))
                .hasMessageContaining("step 'mapper' (statefulMap)")
                .hasMessageContaining("must return a StateUpdate")
                .hasMessageContaining("StateUpdate.of(state, value)");
    }

    @Test
    @Timeout(20)
    void flatMapReturningNullIsExplained() {
        var flow = new Dataflow("null-iterable");
        flow.input("inp", Sources.testing(List.of("a"))).flatMap("split", x -> null).capture("out");
        assertThatThrownBy(() -> Rivulet.runMain(flow))
                .hasMessageContaining("step 'split' (flatMap)")
                .hasMessageContaining("return an empty list");
    }

    @Test
    @Timeout(20)
    void negativeEpochIntervalIsRejected() {
        assertThatThrownBy(() -> EpochConfig.periodic(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid epoch interval");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    @Timeout(30)
    void interruptCancelsAnEndlessRun(int workers) throws Exception {
        var flow = new Dataflow("endless-cancel");
        CountDownLatch started = new CountDownLatch(1);
        flow.input("tick", (DynamicSource<Integer>) (index, count) -> (out, max) -> {
                    out.add(1);
                    return true;
                })
                .inspect("started", x -> started.countDown())
                .capture("out");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                Rivulet.run(flow, workers, RunOptions.defaults().epochs(EpochConfig.periodic(Duration.ofMillis(50))));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        runner.start();
        started.await();
        runner.interrupt();
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(RunCancelledException.class);
    }

    @Test
    @Timeout(20)
    void sourceFailureNamesTheInputStep() {
        var flow = new Dataflow("bad-source");
        flow.input("numbers", (DynamicSource<Integer>) (index, count) -> {
            throw new java.io.FileNotFoundException("data.txt");
        }).capture("out");
        assertThatThrownBy(() -> Rivulet.runMain(flow))
                .hasMessageContaining("step 'numbers' (input)")
                .hasMessageContaining("opening the source")
                .hasMessageContaining("FileNotFoundException: data.txt");
    }

    @Test
    @Timeout(20)
    void manyWorkersOnATinyInputFinish() {
        var flow = new Dataflow("tiny");
        flow.input("inp", Sources.testing(IntStream.range(0, 3).boxed().toList()))
                .keyBy("k", x -> x)
                .reduce("sum", Integer::sum)
                .capture("out");
        assertThat(Rivulet.run(flow, 8, RunOptions.defaults().epochs(EpochConfig.testing()))
                .<KV<Integer, Integer>>captured("out")).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aFailedRunsCapturedItemsUpToTheFailureAreInTheException(int workers) {
        var flow = new Dataflow("partial");
        flow.input("inp", Sources.testing(List.of(1, 2, 3, 0, 5)))
                .capture("before")
                .map("invert", x -> 12 / x)
                .capture("out");
        RivuletException failure = (RivuletException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Rivulet.run(flow, workers, RunOptions.defaults().epochs(EpochConfig.testing())));
        assertThat(failure.partialResult()).isNotNull();
        assertThat(failure.partialResult().<Integer>captured("out")).containsExactly(12, 6, 4);
        assertThat(failure.partialResult().<Integer>captured("before")).containsSubsequence(1, 2, 3, 0);
    }
}
