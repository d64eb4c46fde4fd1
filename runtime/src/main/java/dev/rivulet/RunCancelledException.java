package dev.rivulet;

/** The run was interrupted (Ctrl-C, a notebook interrupt, or {@link Thread#interrupt()}). */
public class RunCancelledException extends RivuletException {
    public RunCancelledException(String message) {
        super(message);
    }
}
