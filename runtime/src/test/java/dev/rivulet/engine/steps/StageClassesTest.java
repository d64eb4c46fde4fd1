package dev.rivulet.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.MapFn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each step's stage runs in its own copy of the stage class, so the JIT can inline the chain. */
class StageClassesTest {

    @Test
    void twoMapStepsGetTwoCopiesThatBehaveLikeTheTemplate() {
        MapStep plusOne = new MapStep("plus-one", new StreamRef(0, 0), (MapFn<Integer, Integer>) x -> x + 1, false);
        MapStep twice = new MapStep("twice", new StreamRef(1, 0), (MapFn<Integer, Integer>) x -> x * 2, false);
        List<Object> out = new ArrayList<>();
        ItemSink collect = out::add;
        Stage second = twice.stage(collect, null);
        Stage first = plusOne.stage(second, null);

        assertThat(first.getClass()).isNotEqualTo(second.getClass());
        assertThat(first.getClass().isHidden()).isTrue();
        assertThat(second.getClass().isHidden()).isTrue();
        assertThat(first).isInstanceOf(Stage.class);

        first.push(1);
        first.push(20);
        assertThat(out).containsExactly(4, 42);
    }

    @Test
    void aRebuiltFlowWithTheSameFunctionsReusesItsCopies() {
        MapFn<Integer, Integer> identity = x -> x;
        ItemSink ignore = item -> { };
        Stage first = new MapStep("same", new StreamRef(0, 0), identity, false).stage(ignore, null);
        Stage rebuilt = new MapStep("same", new StreamRef(0, 0), identity, false).stage(ignore, null);
        assertThat(rebuilt.getClass()).isSameAs(first.getClass());
        // Another next stage means other call-site profiles: another copy.
        Stage elsewhere = new MapStep("same", new StreamRef(0, 0), identity, false).stage(first, null);
        assertThat(elsewhere.getClass()).isNotSameAs(first.getClass());
    }
}
