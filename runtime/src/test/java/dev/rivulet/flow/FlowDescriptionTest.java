package dev.rivulet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Branch;
import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.KeyedStream;
import dev.rivulet.fn.MapFn;
import dev.rivulet.io.Sources;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.Windower;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the API builds is a plain description: ids, inputs and operations with the user's functions. */
class FlowDescriptionTest {

    @Test
    void operatorsAddOneDescribedStepEachWithTheUsersFunctions() {
        Dataflow flow = new Dataflow("described");
        MapFn<Integer, Integer> plusOne = x -> x + 1;
        Branch<Integer> parts = flow.input("in", Sources.testing(List.of(1, 2, 3)))
                .map("plus-one", plusOne)
                .branch("even", x -> x % 2 == 0);
        parts.trues().merge("both", parts.falses()).capture("out");

        List<FlowStep> steps = flow.steps();
        assertThat(steps).extracting(FlowStep::stepId).containsExactly("in", "plus-one", "even", "both", "out");
        assertThat(steps).extracting(FlowStep::operator)
                .containsExactly("input", "map", "branch", "merge", "capture");
        Operation.Map map = (Operation.Map) steps.get(1).operation();
        assertThat(map.mapper()).isSameAs(plusOne);
        assertThat(map.valuesOnly()).isFalse();
        assertThat(steps.get(2).inputs()).containsExactly(new StreamRef(1, 0));
        assertThat(steps.get(2).outputPorts()).isEqualTo(2);
        assertThat(steps.get(3).inputs()).containsExactly(new StreamRef(2, 0), new StreamRef(2, 1));
        assertThat(steps.get(4).isOutput()).isTrue();
    }

    @Test
    void compositeOperatorsAreBuiltFromPrimitiveOnes() {
        Dataflow flow = new Dataflow("counts");
        flow.input("words", Sources.testing(List.of("a", "b", "a")))
                .countFinal("count", w -> w)
                .capture("out");

        List<FlowStep> steps = flow.steps();
        assertThat(steps.get(1).stepId()).isEqualTo("count/combine");
        assertThat(steps.get(1).operation()).isInstanceOf(Operation.Combine.class);
        assertThat(steps.get(1).isStateful()).isFalse();
        assertThat(steps.get(2).operation()).isInstanceOf(Operation.ReduceFinal.class);
        assertThat(steps.get(2).isStateful()).isTrue();
    }

    @Test
    void aWindowStepDescribesItsClockWindowerAndLatePort() {
        Dataflow flow = new Dataflow("windows");
        Windower tumbling = Windower.tumbling(Duration.ofSeconds(10), Instant.EPOCH);
        var sums = KeyedStream.of(flow.input("in", Sources.testing(List.of(1L, 2L)))
                        .map("kv", x -> KV.of("k", x)))
                .reduceWindow("sum", WindowClock.systemTime(), tumbling, Long::sum);
        sums.late().capture("late");

        Operation.ReduceWindow window = (Operation.ReduceWindow) flow.steps().get(2).operation();
        assertThat(window.windower()).isEqualTo(tumbling);
        assertThat(window.clock()).isInstanceOf(WindowClock.SystemTime.class);
        assertThat(flow.steps().get(3).inputs()).containsExactly(new StreamRef(2, 1));
    }
}
