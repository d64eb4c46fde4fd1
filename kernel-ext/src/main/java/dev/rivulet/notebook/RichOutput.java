package dev.rivulet.notebook;

import java.util.Objects;

/**
 * A kernel-neutral display: plain text (always present, for consoles and saved notebooks), HTML
 * that needs no JavaScript, and the display id that later updates replace.
 *
 * <pre>{@code
 * host.display(new RichOutput("rivulet-1", "3 items", "<p>3 items</p>"));
 * }</pre>
 *
 * @param displayId the display id, or {@code null} for a display that is never updated
 * @param text the text/plain rendering
 * @param html the text/html rendering, or {@code null}
 */
public record RichOutput(String displayId, String text, String html) {

    public RichOutput {
        Objects.requireNonNull(text, "text");
    }

    /** A text-only display without display id. */
    public static RichOutput text(String text) {
        return new RichOutput(null, text, null);
    }
}
