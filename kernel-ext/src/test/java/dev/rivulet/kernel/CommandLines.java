package dev.rivulet.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The full command line of a process. {@code ProcessHandle.Info.commandLine()} comes back empty
 * on Linux for long command lines (a worker JVM's {@code -cp} easily passes 4 KiB), which would
 * make a check for leftover processes pass without looking; {@code /proc/<pid>/cmdline} has it all.
 */
final class CommandLines {

    private CommandLines() {
    }

    static String of(ProcessHandle process) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            byte[] bytes = Files.readAllBytes(cmdline);
            if (bytes.length > 0) {
                return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            }
        } catch (IOException | SecurityException e) {
            // not Linux, or the process is gone: fall back to what the JDK reports
        }
        return process.info().commandLine().orElse("");
    }
}
