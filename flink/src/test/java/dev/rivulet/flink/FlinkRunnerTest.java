package dev.rivulet.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.EpochConfig;
import java.nio.file.Path;
import java.time.Duration;
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
    void theManualsExampleRunsAndItsRemoteOptionsAreWhatItSays() {
        Dataflow flow = wordCount();
        RunResult result = FlinkRunner.run(flow, FlinkOptions.miniCluster().parallelism(2));
        List<KV<String, Long>> counts = result.captured("out");
        assertThat(counts).contains(KV.of("b", 2L));

        FlinkOptions remote = FlinkOptions.remote("flink-jm:8081").parallelism(4)
                .jars(List.of(Path.of("build/libs/my-flows.jar")))
                .runOptions(RunOptions.defaults().epochs(EpochConfig.periodic(Duration.ofSeconds(5))));
        assertThat(remote.master()).isEqualTo("flink-jm:8081");
        assertThat(remote.parallelism()).isEqualTo(4);
        assertThat(remote.runOptions().epochs().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> FlinkOptions.remote("flink-jm")).hasMessageContaining("host:port");
    }

    @Test
    void aStepThatCannotBeShippedFailsBeforeSubmissionNamingIt() {
        class Plain {
            final int n = 1;
        }
        Dataflow flow = new Dataflow("unshippable");
        flow.input("inp", Sources.testing(List.of(new Plain()))).capture("out");
        assertThatThrownBy(() -> FlinkRunner.run(flow, FlinkOptions.miniCluster()))
                .isInstanceOf(dev.rivulet.FlowDefinitionException.class)
                .hasMessageContaining("step 'inp' (input)")
                .hasMessageContaining("Serializable");
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
