package dev.rivulet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one measurement in a fresh JVM, passing its output through and collecting its result
 * rows (lines starting with {@value #PREFIX}). Flink variants (hand-written and Rivulet on the
 * Flink runner) run {@code FlinkMain} on the Flink module's class path ({@code bench-flink/target}); everything else runs
 * {@link BenchMain} on this JVM's.
 */
final class Fork {
    private static final String PREFIX = "ROW\t";

    private Fork() {
    }

    /**
     * Throughput workloads get a large, pre-touched heap and the throughput collector, the same
     * for every system; start-up is measured in a JVM with default settings, as a user's would be.
     */
    static List<String> jvmOptions(String workload) {
        return workload.equals("startup") || workload.equals("prepare") ? List.of()
                : List.of("-Xms6g", "-Xmx6g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch");
    }

    static String encode(String[] row) {
        return PREFIX + String.join("\t", row);
    }

    /** One measurement of {@code variant} of {@code workload} in a fresh JVM. */
    static Measure.Result measure(String workload, String variant, boolean quick)
            throws IOException, InterruptedException {
        List<String[]> rows = run(workload, quick, List.of(variant));
        if (rows.size() != 1) {
            throw new IllegalStateException(workload + " " + variant + " printed no result");
        }
        String[] row = rows.get(0);
        return new Measure.Result(Double.parseDouble(row[2]), Long.parseLong(row[3]), Long.parseLong(row[4]));
    }

    static List<String[]> run(String workload, boolean quick, List<String> extra)
            throws IOException, InterruptedException {
        boolean flink = !extra.isEmpty() && (extra.get(0).startsWith("flink-")
                || extra.get(0).startsWith("rivulet-on-flink-"));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(jvmOptions(workload));
        if (flink) {
            command.addAll(List.of("--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    // a finished job's collect sink answers the client's last fetch with an error: noise
                    "-Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.rest.handler.job.coordination=off",
                    "-cp", flinkClasspath(), "dev.rivulet.bench.FlinkMain"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchMain.class.getName()));
        }
        command.add("--fork");
        command.add(workload);
        command.addAll(extra);
        if (quick) {
            command.add("--quick");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(PREFIX)) {
                    rows.add(Arrays.copyOf(line.substring(PREFIX.length()).split("\t", -1), 8));
                } else {
                    System.out.println(line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(workload + " " + extra + " failed in its JVM (exit " + exit + ")");
        }
        return rows;
    }

    private static String flinkClasspath() throws IOException {
        Path target = Path.of("bench-flink/target");
        List<String> entries = new ArrayList<>();
        try (var jars = Files.list(target)) {
            jars.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(p -> entries.add(p.toString()));
        }
        entries.add(target.resolve("lib").toString() + "/*");
        return String.join(java.io.File.pathSeparator, entries);
    }
}
