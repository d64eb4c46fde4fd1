package dev.rivulet.bench;

import dev.rivulet.RunOptions;

/**
 * The measured workloads: their prepared input (made before the timed part, the same for every
 * system) and each variant's timed body. {@code scale} divides the data (10 for a quick run).
 */
final class Workloads {
    static final int W1_LINES = 2_000_000;
    static final int W2_EVENTS = 10_000_000;
    static final int W3_INTS = 20_000_000;

    /**
     * A variant: given the workload's input, does any per-system preparation (outside the timed
     * part, like making the input) and returns the timed body, which returns the checksum.
     */
    interface Body {
        java.util.concurrent.Callable<Long> prepare(Object input, int parallelism) throws Exception;
    }

    private Workloads() {
    }

    static Object input(String workload, int scale) {
        return switch (workload) {
            case "W1" -> Data.zipfLines(W1_LINES / scale, 50_000, 1.1, 1);
            case "W2" -> Data.events(W2_EVENTS / scale, WindowSum.BASE, 2);
            case "W3" -> Data.ints(W3_INTS / scale, 3);
            default -> throw new IllegalArgumentException(workload);
        };
    }

    /** The limit ({@code limit-1}, {@code limit-2}) and Rivulet ({@code rivulet-N}) variants. */
    static Body body(String workload, String system) {
        return switch (workload + "/" + system) {
            case "W1/limit", "W2/limit", "W3/limit" -> limit(workload);
            case "W1/rivulet", "W2/rivulet", "W3/rivulet" -> rivulet(workload, Engine.NATIVE);
            default -> null;
        };
    }

    private static Body limit(String workload) {
        return switch (workload) {
            case "W1" -> (in, p) -> () -> p == 1 ? Limits.wordCount((String[]) in)
                    : Limits.wordCountTwoThreads((String[]) in);
            case "W2" -> (in, p) -> () -> Limits.windowSum((Data.Event[]) in);
            default -> (in, p) -> () -> p == 1 ? Limits.chain((int[]) in) : Limits.chainTwoThreads((int[]) in);
        };
    }

    /**
     * The Rivulet flows of the workloads, run by {@code engine}: the native engine's variants
     * ({@code rivulet-N}) and, with the Flink runner, {@code rivulet-on-flink-N} — the same flows.
     */
    static Body rivulet(String workload, Engine engine) {
        return switch (workload) {
            case "W1" -> (in, p) -> () -> WordCount.rivulet((String[]) in, p, engine);
            case "W2" -> (in, p) -> {
                Data.Event[][] parts = Data.byParity((Data.Event[]) in, p);
                return () -> WindowSum.rivulet(parts, p, RunOptions.defaults(), engine);
            };
            case "W3" -> (in, p) -> () -> StatelessChain.rivulet((int[]) in, p, engine);
            default -> throw new IllegalArgumentException(workload);
        };
    }

    /** Measures {@code variant} ("system-parallelism") of {@code workload} in this JVM. */
    static Measure.Result measure(String workload, String variant, int scale, Body body) throws Exception {
        int dash = variant.lastIndexOf('-');
        int parallelism = Integer.parseInt(variant.substring(dash + 1));
        java.util.concurrent.Callable<Long> timed = body.prepare(input(workload, scale), parallelism);
        boolean quick = scale > 1;
        // -Dbench.runs=N: more timed runs in one fork, for a profiler to sample (not for the results)
        return Measure.best(quick ? 0 : 1, Integer.getInteger("bench.runs", quick ? 1 : 3), timed);
    }
}
