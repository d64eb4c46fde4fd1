package dev.rivulet.window.internals;

/**
 * Saturating millisecond arithmetic: times near the ends of the {@code long} range (the
 * watermark before any item, after end of input, windows far from their alignment) must clamp
 * rather than wrap around.
 */
final class Millis {
    static final long MIN = Long.MIN_VALUE;
    static final long MAX = Long.MAX_VALUE;

    private Millis() {
    }

    static long add(long a, long b) {
        long sum = a + b;
        // Overflow happened iff both operands have the sign opposite to the result.
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? MIN : MAX;
        }
        return sum;
    }

    static long sub(long a, long b) {
        long difference = a - b;
        if (((a ^ b) & (a ^ difference)) < 0) {
            return a < 0 ? MIN : MAX;
        }
        return difference;
    }
}
