package dev.rivulet.kafka;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.StateUpdate;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The flow the kill tests run in a child JVM: words from a topic, a running count per word
 * (state that recovery must restore), each count written as {@code word -> n} to a topic.
 * Output per word must be exactly 1, 2, …, n with the exactly-once sink.
 *
 * <p>Arguments: bootstrap servers, input topic, output topic, recovery directory,
 * {@code exactly-once} or {@code at-least-once}, workers.
 */
public final class RunningCountFlow {

    private RunningCountFlow() {
    }

    static Dataflow flow(String bootstrap, String in, String out, boolean exactlyOnce) {
        KafkaSink<KV<String, Integer>> sink = KafkaSinks.<String, Integer>strings(bootstrap, out).writers(2);
        if (exactlyOnce) {
            sink = sink.exactlyOnce("running-count-" + out);
        }
        Dataflow flow = new Dataflow("running-count");
        flow.input("words", KafkaSources.strings(bootstrap, in).toCurrentEnd()
                        .withConfig("max.poll.records", "20")) // small batches: epochs close between them
                .map("slowly", r -> {
                    Thread.sleep(5); // throttles the run so that the kills land in the middle of it
                    return r.value();
                })
                .keyBy("by-word", w -> w)
                .<Integer, Integer>statefulMap("count", () -> 0,
                        (n, w) -> StateUpdate.of(n + 1, n + 1))
                .output("out", sink);
        return flow;
    }

    /** The exactly-once flow as the CLI imports it: {@code RunningCountFlow:exactlyOnce("…", "in", "out")}. */
    public static Dataflow exactlyOnce(String bootstrap, String in, String out) {
        return flow(bootstrap, in, out, true);
    }

    public static void main(String[] args) {
        RunOptions options = RunOptions.defaults()
                .epochs(EpochConfig.periodic(Duration.ofMillis(100)))
                .batchSize(20) // with the throttle, an epoch closes every few batches
                .recovery(RecoveryConfig.sqlite(Path.of(args[3])));
        Rivulet.run(flow(args[0], args[1], args[2], args[4].equals("exactly-once")), Integer.parseInt(args[5]), options);
    }
}
