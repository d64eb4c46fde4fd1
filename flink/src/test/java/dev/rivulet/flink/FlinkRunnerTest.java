package dev.rivulet.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.io.Sources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Flink runner on the shared mini cluster: the same results as the native engine. */
class FlinkRunnerTest {

    private static Dataflow wordCount() {
        Dataflow flow = new Dataflow("wc");
        flow.input("lines", Sources.testing(List.of("a b a", "c b a", "d")))
                .flatMap("split", line -> Arrays.asList(line.split(" ")))
                .countFinal("count", w -> w)
                .capture("out");
        return flow;
    }

    private static <T> List<T> sorted(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        copy.sort((a, b) -> a.toString().compareTo(b.toString()));
        return copy;
    }

    @Test
    void wordCountMatchesTheNativeEngine() {
        RunResult flink = FlinkRunner.run(wordCount(), FlinkOptions.miniCluster().parallelism(2));
        RunResult nativeRun = Rivulet.run(wordCount(), 2, RunOptions.defaults());
        assertThat(sorted(flink.<KV<String, Long>>captured("out")))
                .isEqualTo(sorted(nativeRun.<KV<String, Long>>captured("out")))
                .contains(KV.of("a", 3L));
        assertThat(flink.stats("split").itemsIn()).isEqualTo(3);
    }

    @Test
    void aFailingMapNamesTheStepAndItem() {
        Dataflow flow = new Dataflow("fails");
        flow.input("inp", Sources.testing(List.of("1", "x"))).map("parse", Integer::parseInt).capture("out");
        assertThatThrownBy(() -> FlinkRunner.run(flow, FlinkOptions.miniCluster()))
                .isInstanceOf(RivuletException.class)
                .hasMessageContaining("step 'parse' (map)")
                .hasMessageContaining("\"x\"")
                .hasMessageContaining("NumberFormatException");
    }
}
