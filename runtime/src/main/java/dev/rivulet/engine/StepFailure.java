package dev.rivulet.engine;

/**
 * Thrown inside the engine when user code or a connector fails in a step; the worker turns it
 * into a {@link dev.rivulet.RivuletException} that also names the worker.
 */
public final class StepFailure extends RuntimeException {
    private static final int MAX_ITEM_CHARS = 160;

    private final String stepId;
    private final String operator;
    private final String item;
    private final String doing;

    private StepFailure(String stepId, String operator, String doing, String item, Throwable cause) {
        super(cause == null ? doing : cause.toString(), cause, false, false);
        this.stepId = stepId;
        this.operator = operator;
        this.doing = doing;
        this.item = item;
    }

    /** User code failed while processing {@code item}. */
    public static StepFailure onItem(Step step, Object item, Throwable cause) {
        return onItem(step.stepId(), step.operator(), item, cause);
    }

    public static StepFailure onItem(String stepId, String operator, Object item, Throwable cause) {
        if (cause instanceof StepFailure failure) {
            return failure;
        }
        return new StepFailure(stepId, operator, "processing item", shorten(item), cause);
    }

    /** A step failed while doing something that involves no single item (opening, snapshotting). */
    public static StepFailure during(Step step, String doing, Throwable cause) {
        if (cause instanceof StepFailure failure) {
            return failure;
        }
        return new StepFailure(step.stepId(), step.operator(), doing, null, cause);
    }

    /** A step's own check failed (a bad return value, an unroutable key). */
    public static StepFailure invalid(Step step, Object item, String problem) {
        return new StepFailure(step.stepId(), step.operator(), "processing item", shorten(item),
                new IllegalStateException(problem));
    }

    public String stepId() {
        return stepId;
    }

    public String operator() {
        return operator;
    }

    public String item() {
        return item;
    }

    public String doing() {
        return doing;
    }

    /** A readable, bounded rendering of an item for error messages. */
    public static String shorten(Object item) {
        String text;
        try {
            text = item instanceof CharSequence ? "\"" + item + "\"" : String.valueOf(item);
        } catch (RuntimeException e) {
            text = "<" + item.getClass().getName() + " whose toString failed: " + e + ">";
        }
        text = text.replace("\n", "\\n");
        return text.length() <= MAX_ITEM_CHARS ? text : text.substring(0, MAX_ITEM_CHARS) + "…";
    }
}
