package dev.rivulet.bench;

import dev.rivulet.Dataflow;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;

/**
 * What runs a workload's Rivulet flow: the native engine, or another runner (the Flink runner's
 * variant, {@code rivulet-on-flink}, in module bench-flink). The same flow either way.
 */
@FunctionalInterface
public interface Engine {
    /** The native engine, {@code workers} threads in this JVM. */
    Engine NATIVE = Rivulet::run;

    RunResult run(Dataflow flow, int workers, RunOptions options);
}
