package dev.rivulet.notebook;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A kernel-neutral display: plain text (always present, for consoles and saved notebooks), HTML
 * that needs no JavaScript, any other MIME renderings (SVG, PNG, Markdown, …), and the display id
 * that later updates replace. Every kernel's host publishes all of them.
 *
 * <pre>{@code
 * host.display(new RichOutput("rivulet-1", "3 items", "<p>3 items</p>"));
 * host.display(RichOutput.text("a chart").with(RichOutput.SVG, svg));
 * }</pre>
 *
 * @param displayId the display id, or {@code null} for a display that is never updated
 * @param text the text/plain rendering
 * @param html the text/html rendering, or {@code null}
 * @param more further renderings by MIME type (for example {@code image/svg+xml}); PNG as Base64
 */
public record RichOutput(String displayId, String text, String html, Map<String, String> more) {

    /** The MIME type of plain text. */
    public static final String TEXT = "text/plain";
    /** The MIME type of HTML. */
    public static final String HTML = "text/html";
    /** The MIME type of SVG pictures. */
    public static final String SVG = "image/svg+xml";
    /** The MIME type of PNG pictures (the value is the Base64 of the bytes, as Jupyter expects). */
    public static final String PNG = "image/png";
    /** The MIME type of Markdown. */
    public static final String MARKDOWN = "text/markdown";

    public RichOutput {
        Objects.requireNonNull(text, "text");
        more = more == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(more));
    }

    /** Text and HTML renderings only. */
    public RichOutput(String displayId, String text, String html) {
        this(displayId, text, html, Map.of());
    }

    /** A text-only display without display id. */
    public static RichOutput text(String text) {
        return new RichOutput(null, text, null);
    }

    /** This output with one more rendering ({@code mimeType} other than text/plain). */
    public RichOutput with(String mimeType, String value) {
        if (mimeType.equals(TEXT)) {
            return new RichOutput(displayId, value, html, more);
        }
        if (mimeType.equals(HTML)) {
            return new RichOutput(displayId, text, value, more);
        }
        Map<String, String> data = new LinkedHashMap<>(more);
        data.put(mimeType, value);
        return new RichOutput(displayId, text, html, data);
    }

    /** This output with a PNG picture. */
    public RichOutput withPng(byte[] png) {
        return with(PNG, Base64.getEncoder().encodeToString(png));
    }

    /** This output under another display id. */
    public RichOutput withDisplayId(String id) {
        return new RichOutput(id, text, html, more);
    }

    /** Every rendering by MIME type: text/plain first, then text/html (when present), then the others. */
    public Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(TEXT, text);
        if (html != null) {
            data.put(HTML, html);
        }
        data.putAll(more);
        return data;
    }
}
