package dev.rivulet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Runs one workload in a fresh JVM with this JVM's class path, passing its output
 * through and collecting its result rows (lines starting with {@value #PREFIX}).
 */
final class Fork {
    private static final String PREFIX = "ROW\t";

    private Fork() {
    }

    /**
     * Throughput workloads get a large, pre-touched heap and the throughput collector, the same
     * for Rivulet and its baseline; start-up is measured in a JVM with default settings, as a
     * user's JVM would be.
     */
    static List<String> jvmOptions(String workload) {
        return workload.equals("W4") || workload.equals("prepare") ? List.of()
                : List.of("-Xms6g", "-Xmx6g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch");
    }

    static String encode(String[] row) {
        return PREFIX + String.join("\t", row);
    }

    /**
     * Runs {@code workload} in {@code forks} JVMs; for each row (workload and variant) keeps the
     * one with the median time.
     */
    static List<String[]> median(String workload, boolean quick, int forks) throws IOException, InterruptedException {
        List<List<String[]>> runs = new ArrayList<>();
        for (int i = 0; i < forks; i++) {
            runs.add(run(workload, quick));
        }
        List<String[]> rows = new ArrayList<>();
        for (int r = 0; r < runs.get(0).size(); r++) {
            List<String[]> samples = new ArrayList<>();
            for (List<String[]> run : runs) {
                samples.add(run.get(r));
            }
            samples.sort(Comparator.comparingDouble(row -> Double.parseDouble(row[2].split(" ")[0])));
            rows.add(samples.get(samples.size() / 2));
        }
        return rows;
    }

    static List<String[]> run(String workload, boolean quick) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(jvmOptions(workload));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchMain.class.getName());
        command.add("--fork");
        command.add(workload);
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
            throw new IllegalStateException("workload " + workload + " failed in its JVM (exit " + exit + ")");
        }
        return rows;
    }
}
