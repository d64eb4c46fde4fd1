package dev.rivulet.testing;

import dev.rivulet.Dataflow;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.flow.FlowRunner;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the scenario tests' flows on the engine {@code -Drivulet.test.engine} names: the native
 * engine by default, or a {@link FlowRunner} such as {@code flink} (the flink module runs these
 * tests from runtime's test jar with {@code -Drivulet.test.engine=flink}). Workers are the other
 * engine's parallelism. Tests about the native engine's own behaviour call {@link #assumeNative}.
 */
public final class Engines {
    public static final String PROPERTY = "rivulet.test.engine";

    private Engines() {
    }

    /** The engine under test: {@code native} or a runner's name. */
    public static String current() {
        return System.getProperty(PROPERTY, "native");
    }

    public static boolean isNative() {
        return "native".equals(current());
    }

    /** Skips the calling test on other engines, saying why it is about the native engine only. */
    public static void assumeNative(String why) {
        Assumptions.assumeTrue(isNative(), "native engine only: " + why);
    }

    public static RunResult runMain(Dataflow flow) {
        return run(flow, 1, RunOptions.defaults());
    }

    public static RunResult runMain(Dataflow flow, RunOptions options) {
        return run(flow, 1, options);
    }

    public static RunResult run(Dataflow flow, int workers) {
        return run(flow, workers, RunOptions.defaults());
    }

    public static RunResult run(Dataflow flow, int workers, RunOptions options) {
        if (isNative()) {
            return Rivulet.run(flow, workers, options);
        }
        return FlowRunner.named(current()).run(flow, new FlowRunner.Settings(workers, options));
    }
}
