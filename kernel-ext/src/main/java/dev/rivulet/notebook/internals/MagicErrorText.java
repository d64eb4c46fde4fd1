package dev.rivulet.notebook.internals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The error text IJava and JJava print when one of Rivulet's magics fails, cut down to Rivulet's
 * own message. Both kernels wrap the magic's exception ({@code RuntimeException: Exception
 * occurred while running line magic 'run_main': <message>}) and print it with the kernel's own
 * stack frames ({@code at io.github.spencerpark.ijava.runtime.Magics.lineMagic},
 * {@code at org.dflib.jjava.kernel.execution.CodeEvaluator...}); Rivulet's message already is the
 * whole report (the usage, the compiler's diagnostic, the run report with its trimmed cause), so
 * the rest is noise.
 */
public final class MagicErrorText {
    private static final String MARKER = "Exception occurred while running line magic '";

    private MagicErrorText() {
    }

    /**
     * The message of a failed Rivulet magic in {@code stackTrace} (a printed exception), or null
     * when it is not one (then the kernel prints it as always).
     */
    public static String rivuletMessage(String stackTrace, Collection<String> magics) {
        int at = stackTrace.indexOf(MARKER);
        if (at < 0) {
            return null;
        }
        int nameEnd = stackTrace.indexOf("': ", at + MARKER.length());
        if (nameEnd < 0 || !magics.contains(stackTrace.substring(at + MARKER.length(), nameEnd))) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String line : stackTrace.substring(nameEnd + 3).split("\r?\n", -1)) {
            if (line.startsWith("\tat ") || line.startsWith("Caused by: ") || line.startsWith("\t... ")) {
                break; // the kernel's frames and its wrapping of the same message
            }
            kept.add(line);
        }
        return String.join("\n", kept).strip();
    }
}
