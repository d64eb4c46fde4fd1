package dev.rivulet.cli;

/**
 * One literal argument of an import-string call such as {@code build("in.txt", 3, 2.5, true)}.
 *
 * @param kind what sort of literal it is
 * @param value the value: a {@link String}, {@link Integer}, {@link Long}, {@link Double},
 *     {@link Boolean} or {@code null}
 * @param text the literal as typed, for messages
 */
public record Literal(Kind kind, Object value, String text) {

    /** The literal forms an import string accepts. */
    public enum Kind {
        /** {@code "text"}, with Java escapes. */
        STRING,
        /** {@code 3}, {@code -7}: fits an {@code int}. */
        INT,
        /** {@code 3L}, or a whole number too large for an {@code int}. */
        LONG,
        /** {@code 2.5}, {@code 1e3}, {@code 2d}, {@code 2.5f}. */
        DOUBLE,
        /** {@code true}, {@code false}. */
        BOOLEAN,
        /** {@code null}. */
        NULL
    }

    @Override
    public String toString() {
        return text;
    }
}
