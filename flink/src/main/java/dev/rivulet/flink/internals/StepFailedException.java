package dev.rivulet.flink.internals;

import dev.rivulet.RivuletException;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * A user function or connector failed in a step. Thrown inside Flink tasks wrapped in a
 * {@link SuppressRestartsException}: a deterministic failure of user code would fail again after
 * a restart, so it fails the job at once (a lost TaskManager still restarts). The client finds it
 * in the cause chain and throws a {@link RivuletException} with the same message.
 */
public final class StepFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_ITEM_CHARS = 160;

    private final String stepId;
    private final String operator;
    private final int subtask;
    private final String item;

    private StepFailedException(String message, Throwable cause, String stepId, String operator, int subtask,
            String item) {
        super(message, cause);
        this.stepId = stepId;
        this.operator = operator;
        this.subtask = subtask;
        this.item = item;
    }

    /** What to throw from a task when {@code cause} happened in step {@code stepId} on {@code item}. */
    public static RuntimeException onItem(String stepId, String operator, int subtask, int parallelism, Object item,
            Throwable cause) {
        if (find(cause) != null) {
            // a chained step downstream failed (Flink wraps it on its way back up the chain): its own report stands
            return cause instanceof RuntimeException r ? r : new RuntimeException(cause);
        }
        String shown = item == null ? null : shorten(item);
        String message = "step '" + stepId + "' (" + operator + ") failed on Flink subtask " + subtask + " of "
                + parallelism + (shown == null ? "" : " while processing item " + shown) + ": " + cause;
        return new SuppressRestartsException(new StepFailedException(message, cause, stepId, operator, subtask,
                shown));
    }

    /** The Rivulet exception the client throws for this failure. */
    public RivuletException toRivuletException() {
        return new RivuletException(getMessage(), getCause(), stepId, operator, subtask, item);
    }

    /** The first {@code StepFailedException} in {@code t}'s cause chain, or {@code null}. */
    public static StepFailedException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StepFailedException f) {
                return f;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    static String shorten(Object item) {
        String text;
        try {
            text = item instanceof CharSequence ? "\"" + item + "\"" : String.valueOf(item);
        } catch (RuntimeException e) {
            text = "<" + item.getClass().getName() + " whose toString failed>";
        }
        text = text.replace("\n", "\\n");
        return text.length() <= MAX_ITEM_CHARS ? text : text.substring(0, MAX_ITEM_CHARS) + "…";
    }
}
