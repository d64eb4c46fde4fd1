package dev.rivulet;

/**
 * The dataflow is not valid (a duplicate step id, no input, no output, …). Thrown before any
 * data moves; the message says what to change.
 */
public class FlowDefinitionException extends RivuletException {
    public FlowDefinitionException(String message) {
        super(message);
    }

    public FlowDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
