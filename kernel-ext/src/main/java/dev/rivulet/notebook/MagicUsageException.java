package dev.rivulet.notebook;

/**
 * A magic was called with arguments it cannot use. The message says what was wrong and ends
 * with the magic's usage; there is no stack trace because the problem is the call, not the code.
 */
public class MagicUsageException extends IllegalArgumentException {

    /** {@code message}: what was wrong, then the usage. */
    public MagicUsageException(String message) {
        super(message);
        setStackTrace(new StackTraceElement[0]);
    }
}
