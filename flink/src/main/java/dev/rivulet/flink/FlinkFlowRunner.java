package dev.rivulet.flink;

import dev.rivulet.Dataflow;
import dev.rivulet.RunResult;
import dev.rivulet.flow.FlowRunner;

/** The Flink runner as a {@link FlowRunner} named {@code "flink"} (registered for {@link java.util.ServiceLoader}). */
public final class FlinkFlowRunner implements FlowRunner {

    @Override
    public String name() {
        return "flink";
    }

    @Override
    public RunResult run(Dataflow flow, Settings settings) {
        FlinkOptions options = settings.master() == null ? FlinkOptions.miniCluster()
                : FlinkOptions.remote(settings.master());
        options = options.parallelism(settings.parallelism()).runOptions(settings.options()).jars(settings.jars());
        if (settings.savepoint() != null) {
            options = options.fromSavepoint(settings.savepoint());
        }
        return FlinkRunner.run(flow, options);
    }
}
