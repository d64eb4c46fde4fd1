package dev.rivulet.bench;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.cluster.WorkerPool;
import dev.rivulet.io.Sinks;
import dev.rivulet.io.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs every workload against its plain-Java baseline and reports throughput ratios
 * (baseline time / Rivulet time: 1.0 means as fast as the hand-written loop) with the targets.
 *
 * <p>Each workload runs in a JVM of its own (as JMH forks), so one workload's JIT profiles do not
 * colour the next; the rows come back to this JVM, which writes the results.
 *
 * <p>Usage: {@code BenchMain [--quick] [--out DIR] [--only W1,W3]}; {@code --quick} shrinks the
 * data tenfold (a smoke run, not a measurement); {@code --only} runs some workloads (for profiling)
 * and writes under {@code partial/}.
 */
public final class BenchMain {

    private final List<String[]> rows = new ArrayList<>();
    private final int scale;
    private final List<String> only;

    private BenchMain(int scale, List<String> only) {
        this.scale = scale;
        this.only = only;
    }

    private boolean selected(String workload) {
        return only.isEmpty() || only.contains(workload);
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int outIndex = Arrays.asList(args).indexOf("--out");
        // A quick smoke run never overwrites the measured results the README quotes.
        Path out = Path.of(outIndex >= 0 ? args[outIndex + 1] : quick ? "bench/results/quick" : "bench/results");
        int onlyIndex = Arrays.asList(args).indexOf("--only");
        List<String> only = onlyIndex >= 0 ? Arrays.asList(args[onlyIndex + 1].split(",")) : List.of();
        int forkIndex = Arrays.asList(args).indexOf("--fork");
        if (forkIndex >= 0) {
            new BenchMain(quick ? 10 : 1, List.of(args[forkIndex + 1])).runWorkloads();
            return;
        }
        BenchMain bench = new BenchMain(quick ? 10 : 1, only);
        if (bench.selected("W1") || bench.selected("W4")) {
            // A one-off cluster writes the worker JVMs' class-data archive if this machine has none
            // yet (once per build): W4 measures a first spawnCluster of a JVM, not of a machine.
            Fork.run("prepare", quick);
        }
        for (String workload : List.of("W1", "W2", "W3", "W4")) {
            if (bench.selected(workload)) {
                // A first spawnCluster is one sample per JVM: the median of three JVMs steadies it.
                bench.rows.addAll(workload.equals("W4") ? Fork.median(workload, quick, 3) : Fork.run(workload, quick));
            }
        }
        // A partial run is for profiling: it never overwrites the full results.
        bench.write(only.isEmpty() ? out : out.resolve("partial"), machine());
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version")
                + "; W1–W3 JVMs: " + String.join(" ", Fork.jvmOptions("W1")) + "; W4 JVMs: default options";
    }

    /** In a forked JVM: runs the selected workload and prints its rows for the parent. */
    private void runWorkloads() throws Exception {
        if (selected("prepare")) {
            long start = System.nanoTime();
            Rivulet.spawnCluster(trivial(), 2, 1, RunOptions.defaults());
            System.out.printf(Locale.ROOT, "# prepared worker JVMs (a one-off spawnCluster: %.1f s)%n",
                    (System.nanoTime() - start) / 1e9);
        }
        if (selected("W1")) {
            wordCount();
        }
        if (selected("W2")) {
            windowSum();
        }
        if (selected("W3")) {
            chain();
        }
        if (selected("W4")) {
            startup();
        }
        for (String[] row : rows) {
            System.out.println(Fork.encode(row));
        }
    }

    private void wordCount() throws Exception {
        String[] lines = Data.zipfLines(2_000_000 / scale, 50_000, 1.1, 1);
        Measure.Result base = Measure.best(1, 3, () -> WordCount.baseline(lines));
        Measure.Result base2 = Measure.best(1, 3, () -> WordCount.baselineTwoThreads(lines));
        Measure.Result one = Measure.best(1, 3, () -> WordCount.rivulet(lines, 1));
        Measure.Result two = Measure.best(1, 3, () -> WordCount.rivulet(lines, 2));
        report("W1 word count", "plain Java, 1 thread", base, base, null);
        report("W1 word count", "plain Java, 2 threads", base2, base, null);
        report("W1 word count", "Rivulet, 1 worker", one, base, "≥ 0.5");
        report("W1 word count", "Rivulet, 2 workers", two, base, "≥ 1.6 × 1 worker = "
                + fmt(1.6 * base.seconds() / one.seconds()));

        // Processes: lines generated inside the source (data cannot be shipped), warm workers.
        int generated = 2_000_000 / scale;
        Measure.Result genBase = Measure.best(1, 2, () -> {
            String[] made = new String[generated];
            for (int i = 0; i < generated; i++) {
                made[i] = GeneratedLines.line(i);
            }
            return WordCount.baseline(made);
        });
        // Worker JVMs start cold: a few runs warm their JIT, as the warm in-process engine was.
        Measure.Result oneProcess = Measure.best(1, 3, () -> WordCount.checksumOf(
                Rivulet.run(WordCount.generatedFlow(generated, 2), 1).captured("counts")));
        Measure.Result twoProcesses;
        try (WorkerPool pool = WorkerPool.start(2, 1)) {
            twoProcesses = Measure.best(3, 3, () -> WordCount.checksumOf(
                    pool.run(WordCount.generatedFlow(generated, 2), RunOptions.defaults()).captured("counts")));
        }
        report("W1 word count, generated lines", "plain Java, 1 thread (generating)", genBase, genBase, null);
        report("W1 word count, generated lines", "Rivulet, 1 process × 1 worker", oneProcess, genBase, null);
        report("W1 word count, generated lines", "Rivulet, 2 processes × 1 worker (warm)", twoProcesses, genBase,
                "≥ 1.3 × 1 process = " + fmt(1.3 * genBase.seconds() / oneProcess.seconds()));
    }

    private void windowSum() throws Exception {
        Data.Event[] events = Data.events(10_000_000 / scale, WindowSum.BASE, 2);
        Measure.Result base = Measure.best(1, 3, () -> WindowSum.baseline(events));
        Measure.Result base2 = Measure.best(1, 3, () -> WindowSum.baselineTwoThreads(events));
        Data.Event[][] onePart = WindowSum.split(events, 1);
        Data.Event[][] twoParts = WindowSum.split(events, 2);
        Measure.Result one = Measure.best(1, 2, () -> WindowSum.rivulet(onePart, 1, RunOptions.defaults()));
        Measure.Result two = Measure.best(1, 2, () -> WindowSum.rivulet(twoParts, 2, RunOptions.defaults()));
        report("W2 window sum", "plain Java, 1 thread", base, base, null);
        report("W2 window sum", "plain Java, 2 threads", base2, base, null);
        report("W2 window sum", "Rivulet, 1 worker", one, base, "≥ 0.2");
        report("W2 window sum", "Rivulet, 2 workers", two, base, null);

        RunOptions periodic = RunOptions.defaults().epochs(EpochConfig.periodic(Duration.ofSeconds(1)));
        Measure.Result off = Measure.best(1, 3, () -> WindowSum.rivulet(onePart, 1, periodic));
        Measure.Result on = Measure.best(1, 3, () -> {
            Path dir = Files.createTempDirectory("rivulet-bench-recovery");
            try {
                return WindowSum.rivulet(onePart, 1, periodic.recovery(RecoveryConfig.sqlite(dir)));
            } finally {
                deleteTree(dir);
            }
        });
        report("Recovery cost (W2, 1 s epochs)", "recovery off", off, base, null);
        report("Recovery cost (W2, 1 s epochs)", "recovery on", on, base, "on/off time ≤ 1.15 (is "
                + fmt(on.seconds() / off.seconds()) + ")");
    }

    private void chain() throws Exception {
        int[] ints = Data.ints(20_000_000 / scale, 3);
        Integer[] boxed = Data.boxed(ints);
        Measure.Result base = Measure.best(2, 3, () -> StatelessChain.baseline(ints));
        Measure.Result one = Measure.best(1, 3, () -> StatelessChain.rivulet(boxed, 1));
        Measure.Result two = Measure.best(1, 3, () -> StatelessChain.rivulet(boxed, 2));
        report("W3 stateless chain", "plain Java, 1 thread", base, base, null);
        report("W3 stateless chain", "Rivulet, 1 worker", one, base, "≥ 0.2");
        report("W3 stateless chain", "Rivulet, 2 workers", two, base, null);

        long n = 20_000_000L / scale;
        Measure.Result rangeBase = Measure.best(2, 3, () -> StatelessChain.rangeBaseline(n));
        Measure.Result rangeOne = Measure.best(1, 3, () -> StatelessChain.rivuletRange(n, 1));
        report("W3 stateless chain, Sources.range", "plain Java, counter loop", rangeBase, rangeBase, null);
        report("W3 stateless chain, Sources.range", "Rivulet, 1 worker", rangeOne, rangeBase, null);
    }

    private void startup() throws Exception {
        Measure.Result warm = Measure.best(20, 30, () -> {
            List<Integer> out = new ArrayList<>();
            Dataflow flow = new Dataflow("w4-trivial");
            flow.input("inp", Sources.testing(List.of(1, 2, 3))).output("out", Sinks.collect(out));
            Rivulet.runMain(flow);
            return (long) out.size();
        });
        latency("runMain, warm JVM", warm, 0.05, "≤ 50 ms");

        long start = System.nanoTime();
        long firstItems = Rivulet.spawnCluster(trivial(), 2, 1, RunOptions.defaults()).captured("out").size();
        Measure.Result first = new Measure.Result((System.nanoTime() - start) / 1e9, firstItems, 0);
        latency("first spawnCluster(2, 1) of a fresh JVM (median of 3 JVMs)", first, 1.5, "≤ 1.5 s");

        try (WorkerPool pool = WorkerPool.start(2, 1)) {
            Measure.Result rerun = Measure.best(3, 10, () -> (long) pool.run(trivial(), RunOptions.defaults())
                    .captured("out").size());
            latency("warm rerun on reused workers (WorkerPool)", rerun, 0.15, "≤ 150 ms");
        }
    }

    private static Dataflow trivial() {
        Dataflow flow = new Dataflow("w4-trivial");
        flow.input("inp", Sources.testing(List.of(1, 2, 3))).capture("out");
        return flow;
    }

    private void latency(String variant, Measure.Result result, double limitSeconds, String target) {
        rows.add(new String[] {"W4 start-up", variant, String.format(Locale.ROOT, "%.1f ms", result.seconds() * 1000),
                "", target, result.seconds() <= limitSeconds ? "met" : "missed", String.valueOf(result.checksum() == 3),
                ""});
        System.out.println(String.join(" | ", rows.get(rows.size() - 1)));
    }

    private void report(String workload, String variant, Measure.Result result, Measure.Result baseline,
            String target) {
        double ratio = baseline.seconds() / result.seconds();
        String status = "";
        if (target != null) {
            double goal = target.startsWith("≥ 1.3") ? 1.3 * baseline.seconds() / rowsSeconds(workload,
                    "Rivulet, 1 process × 1 worker")
                    : target.startsWith("≥ 1.6") ? 1.6 * baseline.seconds() / rowsSeconds(workload, "Rivulet, 1 worker")
                    : target.startsWith("on/off") ? Double.NaN : Double.parseDouble(target.substring(2));
            status = Double.isNaN(goal) ? (result.seconds() / lastSeconds() <= 1.15 ? "met" : "missed")
                    : ratio >= goal ? "met" : "missed";
        }
        rows.add(new String[] {workload, variant, String.format(Locale.ROOT, "%.3f s", result.seconds()),
                fmt(ratio), target == null ? "" : target, status,
                String.valueOf(result.checksum() == baseline.checksum() || workload.startsWith("Recovery")),
                String.format(Locale.ROOT, "%d MiB", result.peakHeapBytes() >> 20)});
        System.out.println(String.join(" | ", rows.get(rows.size() - 1)));
    }

    /** Seconds of the 1-worker Rivulet row of a workload (for the scaling target). */
    private double rowsSeconds(String workload, String variant) {
        for (String[] row : rows) {
            if (row[0].equals(workload) && row[1].equals(variant)) {
                return Double.parseDouble(row[2].replace(" s", ""));
            }
        }
        return Double.NaN;
    }

    private double lastSeconds() {
        return Double.parseDouble(rows.get(rows.size() - 1)[2].replace(" s", ""));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private void write(Path dir, String machine) throws IOException {
        System.out.println("# Rivulet benchmark — " + machine);
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("workload,variant,time,ratio_to_baseline,target,status,checksum_ok,peak_live_heap\n");
        StringBuilder md = new StringBuilder("Machine: " + machine + "\n\n"
                + "| workload | variant | time | ratio to 1-thread baseline | target | status | checksum | peak live heap |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (String[] row : rows) {
            csv.append(String.join(",", Arrays.stream(row).map(c -> "\"" + c.replace("\"", "'") + "\"").toList()))
                    .append('\n');
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        Files.writeString(dir.resolve("results.csv"), csv);
        Files.writeString(dir.resolve("results.md"), md);
        System.out.println("\n" + md);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
