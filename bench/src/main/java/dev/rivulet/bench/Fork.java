package dev.rivulet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one workload in a fresh JVM with this JVM's options and class path, passing its output
 * through and collecting its result rows (lines starting with {@value #PREFIX}).
 */
final class Fork {
    private static final String PREFIX = "ROW\t";

    private Fork() {
    }

    static String encode(String[] row) {
        return PREFIX + String.join("\t", row);
    }

    static List<String[]> run(String workload, boolean quick) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
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
