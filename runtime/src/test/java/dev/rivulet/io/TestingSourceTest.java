package dev.rivulet.io;

import dev.rivulet.testing.Engines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.RunOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** S77 corrected, and the sentinels. */
class TestingSourceTest {

    private static <T> List<T> read(SourcePartition<T, Integer> part, int max) throws Exception {
        List<T> out = new ArrayList<>();
        part.nextBatch(out, max);
        return out;
    }

    @Test
    void resumePositionsAreExactIncludingZero() throws Exception {
        TestingSource<Integer> source = Sources.testing(List.of(10, 11, 12));
        SourcePartition<Integer, Integer> fresh = source.buildPart("iter", null);
        assertThat(fresh.snapshot()).isZero();
        assertThat(read(fresh, 1)).containsExactly(10);
        Integer afterFirst = fresh.snapshot();
        assertThat(read(source.buildPart("iter", afterFirst), 5)).containsExactly(11, 12);
        assertThat(read(source.buildPart("iter", 0), 5)).containsExactly(10, 11, 12);
    }

    @Test
    void abortFailsTheFirstRunOnlyAndResumesAfterIt() throws Exception {
        TestingSource<String> source = TestingSource.<String>builder().items("a").abort().items("b").build();
        SourcePartition<String, Integer> part = source.buildPart("iter", null);
        assertThat(read(part, 10)).containsExactly("a");
        Integer position = part.snapshot();
        assertThatThrownBy(() -> read(part, 10)).isInstanceOf(TestingSource.AbortExecution.class);
        assertThat(read(source.buildPart("iter", position), 10)).containsExactly("b");
    }

    @Test
    void eofEndsTheInputAndAContinuationReadsOn() throws Exception {
        TestingSource<String> source = TestingSource.<String>builder().items("a").eof().items("b").build();
        SourcePartition<String, Integer> part = source.buildPart("iter", null);
        List<String> out = new ArrayList<>();
        assertThat(part.nextBatch(out, 10)).isFalse();
        assertThat(out).containsExactly("a");
        assertThat(read(source.buildPart("iter", part.snapshot()), 10)).containsExactly("b");
    }

    @Test
    void pauseProducesNothingForAWhile() throws Exception {
        var flow = new Dataflow("pause");
        flow.input("inp", TestingSource.<String>builder().items("a").pause(Duration.ofMillis(200)).items("b").build())
                .capture("out");
        long start = System.nanoTime();
        List<String> seen = Engines.runMain(flow, RunOptions.defaults().epochs(EpochConfig.testing())).captured("out");
        assertThat(seen).containsExactly("a", "b");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
    }
}
