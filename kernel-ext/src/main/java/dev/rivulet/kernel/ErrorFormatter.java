package dev.rivulet.kernel;

import dev.rivulet.notebook.MagicUsageException;
import dev.rivulet.notebook.NotebookRunException;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The error text the kernel shows for a failed cell: compile errors with a marker under the
 * problem, Rivulet run failures as their report (plain text: colours vanish on dark themes), and other exceptions with a stack trace cut
 * where the notebook's code was called from the kernel.
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
            String prefix = "";
            while (t != null) {
                lines.add(prefix + t);
                lines.addAll(frames(t));
                prefix = "Caused by: ";
                t = t.getCause() == t ? null : t.getCause();
            }
        }
        return lines;
    }

    /** Frames down to the cell's own code; the kernel's frames below it are noise. */
    private static List<String> frames(Throwable t) {
        List<String> out = new ArrayList<>();
        for (StackTraceElement frame : t.getStackTrace()) {
            String cls = frame.getClassName();
            if (cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")
                    || cls.startsWith("dev.rivulet.kernel.")) {
                break;
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
}
