package dev.rivulet.bench;

import dev.rivulet.flink.FlinkOptions;
import dev.rivulet.flink.FlinkRunner;
import dev.rivulet.flink.internals.SharedMiniCluster;

/**
 * The Flink peer's fork: {@code FlinkMain --fork W1 flink-2 [--quick]} measures one variant in
 * this fresh JVM and prints its row for {@link BenchMain}: {@code flink-N} is the hand-written
 * DataStream job, {@code rivulet-on-flink-N} the Rivulet flow on the Flink runner.
 */
public final class FlinkMain {

    private FlinkMain() {
    }

    /** The Flink variants of each workload. */
    static Workloads.Body body(String workload) {
        return switch (workload) {
            case "W1" -> (in, p) -> () -> FlinkWorkloads.wordCount((String[]) in, p);
            case "W2" -> (in, p) -> {
                Data.Event[] data = p == 1 ? (Data.Event[]) in : Data.concat(Data.byParity((Data.Event[]) in, p));
                return () -> FlinkWorkloads.windowSum(data, p);
            };
            case "W3" -> (in, p) -> () -> FlinkWorkloads.chain((int[]) in, p);
            default -> throw new IllegalArgumentException(workload);
        };
    }

    /**
     * The Flink runner on a mini cluster started for the run and stopped after it: what a
     * hand-written job's {@code execute()} on a local environment does too, so the two pay the
     * same start-up and the ratio is the runner's own cost.
     */
    static final Engine RUNNER = (flow, workers, options) -> {
        try {
            return FlinkRunner.run(flow, FlinkOptions.miniCluster().parallelism(workers).runOptions(options));
        } finally {
            SharedMiniCluster.close();
        }
    };

    public static void main(String[] args) throws Exception {
        String workload = args[1];
        String variant = args[2];
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        Workloads.Body body = variant.startsWith("rivulet-on-flink-") ? Workloads.rivulet(workload, RUNNER)
                : body(workload);
        Measure.Result result = Workloads.measure(workload, variant, quick ? 10 : 1, body);
        BenchMain.printRow(workload, variant, result);
        System.exit(0); // the mini-cluster leaves non-daemon threads behind
    }
}
