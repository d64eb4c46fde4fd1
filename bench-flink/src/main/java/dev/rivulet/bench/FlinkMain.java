package dev.rivulet.bench;

/**
 * The Flink peer's fork: {@code FlinkMain --fork W1 flink-2 [--quick]} measures one variant in
 * this fresh JVM and prints its row for {@link BenchMain}.
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

    public static void main(String[] args) throws Exception {
        String workload = args[1];
        String variant = args[2];
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        Measure.Result result = Workloads.measure(workload, variant, quick ? 10 : 1, body(workload));
        BenchMain.printRow(workload, variant, result);
        System.exit(0); // the mini-cluster leaves non-daemon threads behind
    }
}
