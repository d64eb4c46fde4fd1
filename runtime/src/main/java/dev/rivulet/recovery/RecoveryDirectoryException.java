package dev.rivulet.recovery;

import dev.rivulet.RivuletException;

/**
 * The recovery directory cannot be used for this run: it belongs to another dataflow, was
 * written with another worker count, or holds a file that cannot be read. Thrown before any data
 * moves; nothing in the directory is changed.
 */
public final class RecoveryDirectoryException extends RivuletException {
    private static final long serialVersionUID = 1L;

    public RecoveryDirectoryException(String message) {
        super(message);
    }

    public RecoveryDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
