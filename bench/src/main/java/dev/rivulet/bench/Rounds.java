package dev.rivulet.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurements of every round, and what the benchmark reports from them: for each variant
 * the median over rounds of its same-round ratio to the limit, the same-round scaling from
 * parallelism 1 to 2, and whether every checksum equals the limit's.
 */
final class Rounds {
    /** Targets of issue 16: Rivulet -w1 ratio to the limit, and -w2 over -w1. */
    static final Map<String, Double> W1_TARGET = Map.of("W1", 0.9, "W2", 0.3, "W3", 0.35);
    static final double SCALING_TARGET = 1.4;
    /** Target of issue 17: the Flink runner's time at most this times the hand-written Flink job's. */
    static final double FLINK_RUNNER_TARGET = 1.3;

    private final Map<String, List<Map<String, Measure.Result>>> byWorkload = new LinkedHashMap<>();

    void add(int round, String workload, String variant, Measure.Result result) {
        List<Map<String, Measure.Result>> rounds = byWorkload.computeIfAbsent(workload, w -> new ArrayList<>());
        while (rounds.size() <= round) {
            rounds.add(new LinkedHashMap<>());
        }
        rounds.get(round).put(variant, result);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Median over rounds of {@code a}'s time divided by {@code b}'s, both of the same round. */
    private double ratio(String workload, String a, String b) {
        List<Double> ratios = new ArrayList<>();
        for (Map<String, Measure.Result> round : byWorkload.get(workload)) {
            if (round.containsKey(a) && round.containsKey(b)) {
                ratios.add(round.get(a).seconds() / round.get(b).seconds());
            }
        }
        return median(ratios);
    }

    private double seconds(String workload, String variant) {
        List<Double> times = new ArrayList<>();
        for (Map<String, Measure.Result> round : byWorkload.get(workload)) {
            if (round.containsKey(variant)) {
                times.add(round.get(variant).seconds());
            }
        }
        return median(times);
    }

    boolean checksumsAgree() {
        for (List<Map<String, Measure.Result>> rounds : byWorkload.values()) {
            for (Map<String, Measure.Result> round : rounds) {
                long limit = round.get("limit-1").checksum();
                for (Measure.Result result : round.values()) {
                    if (result.checksum() != limit) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String status(double value, double target) {
        return value >= target ? "met" : "missed";
    }

    /** The side-by-side table: the limit, Rivulet and Flink, with the targets. */
    String table(int rounds) {
        StringBuilder md = new StringBuilder("| workload | limit, 1 thread | limit 2 threads over 1 | Rivulet -w1"
                + " (limit time / Rivulet time) | Rivulet -w2 over -w1 | Flink p1 (limit time / Flink time) | Flink"
                + " p2 over p1 | Rivulet / Flink time, 1 worker | targets (-w1 ratio; -w2 over -w1 ≥ 1.4) |"
                + " Rivulet on Flink / Flink time, p1; p2 (target ≤ 1.3) | checksums |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String workload : byWorkload.keySet()) {
            double rivulet = ratio(workload, "limit-1", "rivulet-1");
            double scaling = ratio(workload, "rivulet-1", "rivulet-2");
            double target = W1_TARGET.getOrDefault(workload, 0.0);
            md.append("| ").append(workload).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f s", seconds(workload, "limit-1"))).append(" | ")
                    .append(f(ratio(workload, "limit-1", "limit-2"))).append("× | ")
                    .append(f(rivulet)).append(" | ").append(f(scaling)).append("× | ")
                    .append(f(ratio(workload, "limit-1", "flink-1"))).append(" | ")
                    .append(f(ratio(workload, "flink-1", "flink-2"))).append("× | ")
                    .append(f(ratio(workload, "rivulet-1", "flink-1"))).append(" | ")
                    .append("≥ ").append(f(target)).append(": ").append(status(rivulet, target))
                    .append("; ").append(status(scaling, SCALING_TARGET)).append(" | ")
                    .append(flinkRunner(workload)).append(" | ")
                    .append(checksumsAgree() ? "equal" : "DIFFER").append(" |\n");
        }
        return md.toString();
    }

    /**
     * The Flink runner's overhead: the median same-round ratio of {@code rivulet-on-flink-p}'s
     * time to {@code flink-p}'s, at p = 1 and 2, and whether both are within the target.
     */
    private String flinkRunner(String workload) {
        double p1 = ratio(workload, "rivulet-on-flink-1", "flink-1");
        double p2 = ratio(workload, "rivulet-on-flink-2", "flink-2");
        if (Double.isNaN(p1) && Double.isNaN(p2)) {
            return "–";
        }
        boolean met = !(p1 > FLINK_RUNNER_TARGET) && !(p2 > FLINK_RUNNER_TARGET);
        return f(p1) + "; " + f(p2) + ": " + (met ? "met" : "missed");
    }

    /** Every variant's median time and ratio. */
    String details() {
        StringBuilder md = new StringBuilder("| workload | variant | median time | median same-round ratio to"
                + " limit, 1 thread | peak live heap |\n|---|---|---|---|---|\n");
        for (var entry : byWorkload.entrySet()) {
            String workload = entry.getKey();
            for (String variant : entry.getValue().get(0).keySet()) {
                long heap = entry.getValue().get(0).get(variant).peakHeapBytes();
                md.append("| ").append(workload).append(" | ").append(variant).append(" | ")
                        .append(String.format(Locale.ROOT, "%.3f s", seconds(workload, variant))).append(" | ")
                        .append(f(ratio(workload, "limit-1", variant))).append(" | ")
                        .append(heap >> 20).append(" MiB |\n");
            }
        }
        return md.toString();
    }

    String csv() {
        StringBuilder csv = new StringBuilder("round,workload,variant,seconds,checksum\n");
        byWorkload.forEach((workload, rounds) -> {
            for (int r = 0; r < rounds.size(); r++) {
                int round = r;
                rounds.get(r).forEach((variant, result) -> csv.append(round).append(',').append(workload).append(',')
                        .append(variant).append(',').append(result.seconds()).append(',').append(result.checksum())
                        .append('\n'));
            }
        });
        return csv.toString();
    }
}
