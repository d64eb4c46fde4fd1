package dev.rivulet.recovery;

import dev.rivulet.RivuletException;

/**
 * The recovery directory cannot be used for this run: it belongs to another dataflow, holds a
 * file that cannot be read, misses the files of some workers, holds files from different moments
 * or runs, or would need rescaling to another worker count while some process cannot read every
 * old file (separate volumes). Thrown before any data moves and
 * before any process of the cluster has written to the directory.
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
