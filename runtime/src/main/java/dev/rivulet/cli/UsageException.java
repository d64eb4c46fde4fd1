package dev.rivulet.cli;

/**
 * The command line or the environment is wrong: nothing ran. The message says what was wrong and
 * what to do; {@code rivulet} prints it and exits with status {@value RivuletCli#EXIT_USAGE}.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A usage error with a message that says what to do. */
    public UsageException(String message) {
        super(message);
    }

    /** A usage error caused by {@code cause} (for example an unreadable hostfile). */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
