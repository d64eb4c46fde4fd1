package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.io.Sources;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.Windower;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a stream shows as a notebook cell's value: its step, its flow, how many steps. */
class StreamTextTest {

    @Test
    void everyStreamTypeNamesItsStepAndFlow() {
        Dataflow flow = new Dataflow("numbers");
        DataStream<Long> numbers = flow.input("n", Sources.range(0, 10));
        Branch<Long> parts = numbers.branch("even-odd", x -> x % 2 == 0);
        KeyedStream<Long, Long> keyed = parts.trues().keyBy("by-mod", x -> x % 3);
        WindowedStream<Long, Long, Long> sums = keyed.reduceWindow("sums", WindowClock.systemTime(),
                Windower.tumbling(Duration.ofSeconds(1), Instant.EPOCH), Long::sum);
        sums.capture("out");

        assertThat(numbers).hasToString("DataStream of step 'n' (input), step 1 of 5 in flow 'numbers'");
        assertThat(parts).hasToString("Branch of step 'even-odd' (branch), step 2 of 5 in flow 'numbers': "
                + "trues() and falses()");
        assertThat(parts.falses()).hasToString(
                "DataStream of step 'even-odd' (branch, false output), step 2 of 5 in flow 'numbers'");
        assertThat(keyed).hasToString("KeyedStream of step 'by-mod' (keyBy), step 3 of 5 in flow 'numbers'");
        assertThat(sums).hasToString("WindowedStream of step 'sums' (reduceWindow), step 4 of 5 in flow 'numbers'");
        assertThat(sums.late()).hasToString(
                "KeyedStream of step 'sums' (reduceWindow, late items), step 4 of 5 in flow 'numbers'");
        assertThat(flow.toString()).startsWith("Dataflow 'numbers' (5 steps)").contains("sums: reduceWindow");
        assertThat(List.of(numbers.toString(), keyed.toString())).noneMatch(t -> t.contains("@"));
    }
}
