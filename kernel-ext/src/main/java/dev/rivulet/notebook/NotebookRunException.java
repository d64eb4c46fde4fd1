package dev.rivulet.notebook;

import dev.rivulet.RivuletException;
import java.util.ArrayList;
import java.util.List;

/**
 * A run started from the notebook failed or was cancelled. The message is the whole report (the
 * step id, the item, and the cause with a trimmed stack trace); the exception itself carries no
 * stack trace so kernels show the report rather than a wall of kernel frames.
 */
public class NotebookRunException extends RuntimeException {

    /** Most cause frames shown before the engine's own frames. */
    static final int MAX_FRAMES = 8;

    /** A failure with its full {@code report} as message and the run's exception as cause. */
    public NotebookRunException(String report, Throwable cause) {
        super(report, cause);
        setStackTrace(new StackTraceElement[0]);
    }

    @Override
    public String toString() {
        return getMessage();
    }

    /** The report of a failed run: what failed, where, on which item, and why. */
    public static String report(String flowName, Throwable failure) {
        List<String> lines = new ArrayList<>();
        lines.add("run of flow '" + flowName + "' failed: " + failure.getMessage());
        if (failure instanceof RivuletException rivulet && rivulet.stepId() != null) {
            lines.add("  step:   " + rivulet.stepId()
                    + (rivulet.operator() != null ? " (" + rivulet.operator() + ")" : "")
                    + (rivulet.workerIndex() >= 0 ? ", worker " + rivulet.workerIndex() : ""));
            if (rivulet.item() != null) {
                lines.add("  item:   " + rivulet.item());
            }
        }
        Throwable cause = failure instanceof RivuletException ? failure.getCause() : failure;
        String indent = "  cause:  ";
        while (cause != null) {
            lines.add(indent + cause);
            lines.addAll(trimmedFrames(cause));
            cause = cause.getCause() == cause ? null : cause.getCause();
            indent = "  caused by: ";
        }
        return String.join("\n", lines);
    }

    /**
     * The cause's frames up to where Rivulet's engine (or the JDK's thread machinery) called into
     * user code: those frames say where the user's code failed; the rest is noise.
     */
    static List<String> trimmedFrames(Throwable cause) {
        List<String> out = new ArrayList<>();
        StackTraceElement[] frames = cause.getStackTrace();
        int shown = 0;
        for (StackTraceElement frame : frames) {
            String cls = frame.getClassName();
            if (cls.startsWith("dev.rivulet.engine.") || cls.startsWith("dev.rivulet.notebook.")
                    || cls.startsWith("dev.rivulet.kernel.") || cls.startsWith("java.util.concurrent.")
                    || cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.Thread")) {
                break;
            }
            if (shown == MAX_FRAMES) {
                out.add("        …");
                break;
            }
            out.add("        at " + (cls.startsWith("REPL.") ? cellFrame(frame) : frame));
            shown++;
        }
        return out;
    }

    /**
     * A frame of the notebook's own code as the user wrote it: JShell's wrapper class names
     * ({@code REPL.$JShell$15}) and synthetic lambda names mean nothing to them.
     */
    static String cellFrame(StackTraceElement frame) {
        String method = frame.getMethodName();
        String what = method.startsWith("lambda$") ? "a lambda" : method.equals("<init>") ? "a constructor"
                : method + "(...)";
        String cls = frame.getClassName();
        int nested = cls.indexOf('$', cls.indexOf("$JShell$") + "$JShell$".length());
        String inner = nested < 0 ? "" : cls.substring(nested + 1);
        String owner = inner.isEmpty() ? "" : inner.matches("[0-9$]+") ? " of an anonymous class"
                : " of " + inner.replace('$', '.');
        return "cell code: " + what + owner;
    }
}
