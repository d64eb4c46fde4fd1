package dev.rivulet.kernel;

import dev.rivulet.RivuletException;
import dev.rivulet.notebook.MagicUsageException;
import dev.rivulet.notebook.NotebookRunException;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The error text the kernel shows for a failed cell: compile errors with a marker under the
 * problem, Rivulet run failures as their report (plain text: colours vanish on dark themes),
 * Rivulet's and the magics' other errors as their message, and the user's own exceptions with
 * the cell's frames only: no kernel, basekernel or Rivulet-internal frames, causes as
 * {@code cause:} lines.
 */
final class ErrorFormatter {

    private static final int MAX_FRAMES = 12;

    private ErrorFormatter() {
    }

    static List<String> format(Exception e, Collection<String> magics) {
        List<String> lines = new ArrayList<>();
        if (e instanceof CompilationException compile) {
            lines.addAll(compile.lines());
        } else if (e instanceof NotebookRunException || e instanceof MagicUsageException) {
            lines.addAll(List.of(e.getMessage().split("\n")));
        } else if (e instanceof UndefinedMagicException undefined) {
            lines.add("unknown " + (undefined.isCellMagic() ? "cell magic %%" : "line magic %")
                    + undefined.getMagicName() + "; the line magics are: " + String.join(" ", magics));
        } else if (e instanceof CellFailure && e.getCause() instanceof ThreadDeath) {
            lines.add("the cell was interrupted and did not stop within " + ReplExecutionControl.STOP_AFTER_SECONDS
                    + " s, so its thread was stopped (its objects may be left half-updated)");
        } else {
            Throwable t = e instanceof CellFailure && e.getCause() != null ? e.getCause() : e;
            if (t instanceof RivuletException || thrownByMagic(t)) {
                // Rivulet's own errors (a flow that does not validate or cannot be shipped) and a
                // magic's errors say what to do in their message; their frames are the kernel's.
                lines.addAll(List.of(message(t).split("\n")));
                Throwable cause = t.getCause();
                if (cause != null && cause != t && !(cause instanceof java.io.ObjectStreamException)) {
                    // e.g. the user's exception behind a failed run: where in the cell it happened
                    lines.add("cause: " + cause);
                    lines.addAll(frames(cause));
                }
            } else {
                String prefix = "";
                while (t != null) {
                    lines.add(prefix + t);
                    lines.addAll(frames(t));
                    prefix = "cause: ";
                    t = t.getCause() == t ? null : t.getCause();
                }
            }
        }
        return lines;
    }

    /** The text of a Rivulet or magic error: its message, or the exception when it has none. */
    private static String message(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.toString();
        }
        return t instanceof RuntimeException && !(t instanceof RivuletException)
                && !(t instanceof IllegalArgumentException) && !(t instanceof IllegalStateException)
                ? t.getClass().getSimpleName() + ": " + message : message;
    }

    /** Thrown inside a magic's own code (a basekernel {@code Magics} frame below it, no cell frame above). */
    private static boolean thrownByMagic(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            String cls = frame.getClassName();
            if (cls.startsWith("REPL.")) {
                return false;
            }
            if (cls.startsWith("io.github.spencerpark.jupyter.kernel.magic.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Frames down to the cell's own code: the kernel's frames below it, and Rivulet's internal
     * frames in between (engine, shipping, notebook), are noise.
     */
    private static List<String> frames(Throwable t) {
        List<String> out = new ArrayList<>();
        for (StackTraceElement frame : t.getStackTrace()) {
            String cls = frame.getClassName();
            if (cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")
                    || cls.startsWith("dev.rivulet.kernel.") || cls.startsWith("io.github.spencerpark.")
                    || cls.startsWith("org.dflib.jjava.") || cls.equals("java.lang.Thread")
                    || cls.startsWith("java.util.concurrent.")) {
                // below here: the kernel calling the cell, or a thread's start calling Rivulet
                break;
            }
            if (isInternal(cls)) {
                continue;
            }
            if (out.size() == MAX_FRAMES) {
                out.add("    …");
                break;
            }
            out.add("    at " + (cls.startsWith("REPL.") ? "cell: " + frame.getMethodName()
                    + (frame.getLineNumber() > 0 ? " line " + frame.getLineNumber() : "") : frame.toString()));
        }
        return out;
    }

    private static boolean isInternal(String cls) {
        return cls.startsWith("dev.rivulet.") && (cls.contains(".internals.") || cls.startsWith("dev.rivulet.engine.")
                || cls.startsWith("dev.rivulet.shipping.") || cls.startsWith("dev.rivulet.notebook.")
                || cls.startsWith("dev.rivulet.cluster."));
    }
}
