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
 * The benchmark. For W1–W3 it runs every variant — the hand-written limit ({@link Limits}),
 * Rivulet, hand-written Flink, and the same Rivulet flows on the Flink runner
 * ({@code rivulet-on-flink}), each at parallelism 1 and 2 — in a fresh JVM of its own, in
 * interleaved rounds, and reports for each the median over rounds of the same-round ratio limit
 * time / variant time (1.00 = as fast as the limit) and the Flink runner's overhead (its time over
 * the hand-written Flink job's), with the checksums of every run compared to the limit's. Then the extra rows (processes, recovery cost, start-up) run once.
 *
 * <p>Usage: {@code BenchMain [--quick] [--rounds N] [--out DIR] [--only W1,W3]}; {@code --quick}
 * shrinks the data tenfold and runs one round without extras: a correctness check of the
 * checksums (exit status 1 if one differs), not a measurement.
 */
public final class BenchMain {

    private static final String ROW = "ROW\t";
    static final List<String> WORKLOADS = List.of("W1", "W2", "W3");
    private final List<String[]> rows = new ArrayList<>();
    private final int scale;

    private BenchMain(int scale) {
        this.scale = scale;
    }

    /** The variants of a workload, in the order of each round. */
    static List<String> variants(String workload) {
        List<String> variants = new ArrayList<>(List.of("limit-1"));
        if (!workload.equals("W2")) {
            variants.add("limit-2");
        }
        variants.addAll(List.of("rivulet-1", "rivulet-2", "flink-1", "flink-2", "rivulet-on-flink-1",
                "rivulet-on-flink-2"));
        return variants;
    }

    public static void main(String[] args) throws Exception {
        List<String> argList = Arrays.asList(args);
        boolean quick = argList.contains("--quick");
        int forkIndex = argList.indexOf("--fork");
        if (forkIndex >= 0) {
            String workload = args[forkIndex + 1];
            if (workload.equals("extras")) {
                new BenchMain(1).extras();
                return;
            }
            if (workload.equals("startup")) {
                BenchMain bench = new BenchMain(1);
                bench.startup();
                for (String[] row : bench.rows) {
                    System.out.println(Fork.encode(row));
                }
                return;
            }
            if (workload.equals("prepare")) {
                // A one-off cluster writes the worker JVMs' class-data archive if this machine has
                // none yet (once per build): W4 measures a first spawnCluster of a JVM, not of a machine.
                Rivulet.spawnCluster(trivial(), 2, 1, RunOptions.defaults());
                return;
            }
            String variant = args[forkIndex + 2];
            Workloads.Body body = Workloads.body(workload, variant.substring(0, variant.lastIndexOf('-')));
            printRow(workload, variant, Workloads.measure(workload, variant, quick ? 10 : 1, body));
            return;
        }
        int outIndex = argList.indexOf("--out");
        // A quick run never overwrites the measured results the docs quote.
        Path out = Path.of(outIndex >= 0 ? args[outIndex + 1] : quick ? "bench/results/quick" : "bench/results");
        int onlyIndex = argList.indexOf("--only");
        List<String> only = onlyIndex >= 0 ? Arrays.asList(args[onlyIndex + 1].split(",")) : WORKLOADS;
        int roundsIndex = argList.indexOf("--rounds");
        int rounds = roundsIndex >= 0 ? Integer.parseInt(args[roundsIndex + 1]) : quick ? 1 : 3;

        Rounds results = new Rounds();
        for (int round = 0; round < rounds; round++) {
            for (String workload : WORKLOADS) {
                if (!only.contains(workload)) {
                    continue;
                }
                for (String variant : variants(workload)) {
                    results.add(round, workload, variant, Fork.measure(workload, variant, quick));
                }
            }
        }
        List<String[]> extras = new ArrayList<>();
        if (!quick && onlyIndex < 0) {
            Fork.run("prepare", false, List.of());
            extras = Fork.run("extras", false, List.of());
            // A first spawnCluster is one sample per JVM: the median of three JVMs steadies it.
            List<List<String[]>> startups = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                startups.add(Fork.run("startup", false, List.of()));
            }
            for (int r = 0; r < startups.get(0).size(); r++) {
                List<String[]> samples = new ArrayList<>();
                for (List<String[]> run : startups) {
                    samples.add(run.get(r));
                }
                samples.sort(java.util.Comparator.comparingDouble(row -> Double.parseDouble(row[2].split(" ")[0])));
                extras.add(samples.get(1));
            }
        }
        String machine = machine();
        String table = results.table(rounds);
        StringBuilder md = new StringBuilder("Machine: " + machine + "\n\nCommand: `./bench.sh"
                + argList.stream().map(a -> " " + a).reduce("", String::concat) + "` (" + rounds
                + (rounds == 1 ? " round" : " rounds") + ", one fresh JVM per variant and round)\n\n")
                .append(table).append("\n").append(results.details()).append("\n");
        if (!extras.isEmpty()) {
            md.append("| extra | variant | time | ratio | target | status | checksum | peak live heap |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (String[] row : extras) {
                md.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
        }
        Path dir = onlyIndex >= 0 ? out.resolve("partial") : out;
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), md);
        Files.writeString(dir.resolve("results.csv"), results.csv());
        System.out.println("\n" + md);
        if (!results.checksumsAgree()) {
            System.out.println("CHECKSUM MISMATCH: some variant computed a different result than the limit");
            System.exit(1);
        }
    }

    /** In a forked JVM: prints one measurement for the parent. */
    static void printRow(String workload, String variant, Measure.Result result) {
        System.out.println(ROW + workload + "\t" + variant + "\t" + result.seconds() + "\t" + result.checksum()
                + "\t" + result.peakHeapBytes());
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version")
                + "; W1–W3 JVMs: " + String.join(" ", Fork.jvmOptions("W1")) + "; W4 JVMs: default options";
    }

    /** The rows that run once per benchmark: processes, recovery cost, start-up. */
    private void extras() throws Exception {
        wordCount();
        windowSum();
        for (String[] row : rows) {
            System.out.println(Fork.encode(row));
        }
    }

    private void wordCount() throws Exception {
        // Processes: lines generated inside the source (data cannot be shipped), warm workers.
        int generated = 2_000_000 / scale;
        Measure.Result genBase = Measure.best(1, 2, () -> {
            String[] made = new String[generated];
            for (int i = 0; i < generated; i++) {
                made[i] = GeneratedLines.line(i);
            }
            return Limits.wordCount(made);
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
                "≥ 1.3 × 1 process");
    }

    private void windowSum() throws Exception {
        Data.Event[] events = Data.events(Workloads.W2_EVENTS / scale, WindowSum.BASE, 2);
        Data.Event[][] onePart = Data.byParity(events, 1);
        Measure.Result base = Measure.best(1, 3, () -> Limits.windowSum(events));
        RunOptions periodic = RunOptions.defaults().epochs(EpochConfig.periodic(Duration.ofSeconds(1)));
        Measure.Result off = Measure.best(1, 3, () -> WindowSum.rivulet(onePart, 1, periodic, Engine.NATIVE));
        Measure.Result on = Measure.best(1, 3, () -> {
            Path dir = Files.createTempDirectory("rivulet-bench-recovery");
            try {
                return WindowSum.rivulet(onePart, 1, periodic.recovery(RecoveryConfig.sqlite(dir)), Engine.NATIVE);
            } finally {
                deleteTree(dir);
            }
        });
        report("Recovery cost (W2, 1 s epochs)", "recovery off", off, base, null);
        report("Recovery cost (W2, 1 s epochs)", "recovery on", on, base, "on/off time ≤ 1.15 (is "
                + fmt(on.seconds() / off.seconds()) + ")");
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
        if (target != null && target.startsWith("≥ 1.3")) {
            status = result.seconds() <= oneProcessSeconds / 1.3 ? "met" : "missed";
        } else if (target != null) {
            status = result.seconds() / lastSeconds <= 1.15 ? "met" : "missed";
        }
        if (variant.equals("Rivulet, 1 process × 1 worker")) {
            oneProcessSeconds = result.seconds();
        }
        lastSeconds = result.seconds();
        rows.add(new String[] {workload, variant, String.format(Locale.ROOT, "%.3f s", result.seconds()),
                fmt(ratio), target == null ? "" : target, status,
                String.valueOf(result.checksum() == baseline.checksum() || workload.startsWith("Recovery")),
                String.format(Locale.ROOT, "%d MiB", result.peakHeapBytes() >> 20)});
        System.out.println(String.join(" | ", rows.get(rows.size() - 1)));
    }

    private double oneProcessSeconds = Double.NaN;
    private double lastSeconds = Double.NaN;

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
