package dev.rivulet.cli;

/**
 * The import string could not be turned into a {@link dev.rivulet.Dataflow}. The message says
 * what was wrong and what to do.
 *
 * <p>{@link #isUsageError()} tells the two kinds apart: the import string or classpath is wrong
 * (a malformed string, a class or member that is not there, a compile error; exit status
 * {@value RivuletCli#EXIT_USAGE}), or the user's code threw while building the flow (a static
 * initializer or factory method; exit status {@value RivuletCli#EXIT_FAILED}, the exception is the
 * cause).
 *
 * <pre>
 * rivulet run: error: class 'com.example.Flow' was not found. Check the spelling ...
 * </pre>
 */
public class FlowLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean usageError;

    /**
     * @param message what was wrong and what to do
     * @param cause the underlying exception, or {@code null}
     * @param usageError whether the command line is at fault rather than the user's code
     */
    public FlowLoadException(String message, Throwable cause, boolean usageError) {
        super(message, cause);
        this.usageError = usageError;
    }

    /** Whether the import string or classpath is wrong (rather than user code failing). */
    public boolean isUsageError() {
        return usageError;
    }
}
