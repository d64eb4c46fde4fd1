package dev.rivulet.kernel;

/**
 * Cell code threw: wraps the real exception (cell code runs in this JVM) so the kernel can show
 * it with a stack trace trimmed to the notebook's frames.
 */
public class CellFailure extends Exception {

    /** Wraps what the cell's code threw. */
    public CellFailure(Throwable thrown) {
        super(String.valueOf(thrown), thrown);
        setStackTrace(new StackTraceElement[0]);
    }
}
