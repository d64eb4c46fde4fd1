package dev.rivulet.notebook.internals;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Error text from a kernel's {@code formatError}, made into a magic's message: IJava and JJava
 * colour it with ANSI escapes and, for a compile error, print the diagnostics there only (the
 * exception's own message is {@code null} in IJava and {@code [snippet ..., status: REJECTED]} in
 * JJava).
 */
public final class HostErrors {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[A-Za-z]");

    private HostErrors() {
    }

    /**
     * The message for {@code failure} thrown by a kernel's {@code evalRaw}: for a compile error the
     * kernel's rendering {@code formatted} (its diagnostics), else the exception's own message.
     */
    public static String describe(Exception failure, Supplier<List<String>> formatted) {
        String message = failure.getMessage();
        boolean compileError = failure.getClass().getSimpleName().equals("CompilationException");
        if (compileError || message == null || message.isBlank() || message.contains("status: REJECTED")) {
            String text = plain(formatted.get());
            if (!text.isBlank() && !text.contains("status: REJECTED")) {
                return text;
            }
        }
        return message != null && !message.isBlank() ? message : failure.getClass().getName();
    }

    /** {@code lines} joined, without ANSI escapes, trailing blank lines or "location:" lines. */
    public static String plain(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String clean = ANSI.matcher(line).replaceAll("");
            if (clean.strip().startsWith("location:") || clean.strip().startsWith("at ")) {
                continue;
            }
            out.append(clean).append('\n');
        }
        return out.toString().strip();
    }
}
