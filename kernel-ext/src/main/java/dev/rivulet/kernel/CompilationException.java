package dev.rivulet.kernel;

import java.util.List;

/**
 * A cell did not compile (or was incomplete). The message lists JShell's diagnostics, each with
 * the offending source line and a marker under the problem.
 */
public class CompilationException extends Exception {

    private final List<String> lines;

    /** A report made of {@code lines} (diagnostics, source lines, markers). */
    public CompilationException(List<String> lines) {
        super(String.join("\n", lines));
        this.lines = List.copyOf(lines);
        setStackTrace(new StackTraceElement[0]);
    }

    /** The report, line by line. */
    public List<String> lines() {
        return lines;
    }
}
