package dev.rivulet.cli;

import dev.rivulet.Dataflow;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.flow.FlowRunner;
import java.util.List;

/**
 * How {@code rivulet run} starts a resolved {@link ClusterPlan}: the three entry points of
 * {@link Rivulet}. Tests substitute a recording launcher so that dispatch can be checked without
 * real clusters.
 *
 * <pre>{@code
 * int status = RivuletCli.execute(args, System.getenv(), Launcher.RIVULET, System.out, System.err);
 * }</pre>
 */
public interface Launcher {

    /** Runs on {@code workers} threads of this process ({@code runMain} for one). */
    RunResult runInProcess(Dataflow flow, int workers, RunOptions options);

    /** Starts {@code processes} local worker processes and waits for them. */
    RunResult spawnCluster(Dataflow flow, int processes, int workersPerProcess, RunOptions options);

    /** Joins the cluster of {@code addresses} as process {@code processId}. */
    RunResult clusterMain(Dataflow flow, List<String> addresses, int processId, int workersPerProcess,
            RunOptions options);

    /**
     * Runs on another engine ({@code --engine flink}): the {@link FlowRunner} of that name, found on
     * the class path.
     */
    default RunResult runOnEngine(String engine, Dataflow flow, FlowRunner.Settings settings) {
        return FlowRunner.named(engine).run(flow, settings);
    }

    /** The real entry points of {@link Rivulet}. */
    Launcher RIVULET = new Launcher() {
        @Override
        public RunResult runInProcess(Dataflow flow, int workers, RunOptions options) {
            return workers == 1 ? Rivulet.runMain(flow, options) : Rivulet.run(flow, workers, options);
        }

        @Override
        public RunResult spawnCluster(Dataflow flow, int processes, int workersPerProcess,
                RunOptions options) {
            return Rivulet.spawnCluster(flow, processes, workersPerProcess, options);
        }

        @Override
        public RunResult clusterMain(Dataflow flow, List<String> addresses, int processId,
                int workersPerProcess, RunOptions options) {
            return Rivulet.clusterMain(flow, addresses, processId, workersPerProcess, options);
        }
    };
}
