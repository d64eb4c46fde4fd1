package dev.rivulet.notebook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How numbers and durations read in notebook displays: counts with thousands separators
 * ({@code 1,999,980}), decimals rounded to what a person reads ({@code 54.142}, not
 * {@code 54.141999999999996}), durations in seconds or minutes.
 *
 * <pre>{@code
 * Formats.count(1999980)          // "1,999,980"
 * Formats.decimal(3316340.009165) // "3,316,340.009"
 * Formats.duration(83.4)          // "1 min 23 s"
 * }</pre>
 */
public final class Formats {

    /** Whole numbers from this size on get thousands separators in table cells (years do not). */
    private static final long GROUP_FROM = 10_000;

    private Formats() {
    }

    /** A count: {@code 1,999,980}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A whole number in a table cell: separators from 10,000 on ({@code 2022}, {@code 13,587}). */
    public static String whole(long n) {
        return whole(n, Math.abs(n) >= GROUP_FROM);
    }

    /** A whole number with or without thousands separators ({@code 6,759} in a column of larger ones). */
    public static String whole(long n, boolean grouped) {
        return grouped ? count(n) : Long.toString(n);
    }

    /** A rate or other large approximate number: {@code 331,204}. */
    public static String rounded(double x) {
        return String.format(Locale.ROOT, "%,.0f", x);
    }

    /**
     * A decimal in a table cell: three decimals at most from 1 on ({@code 54.142},
     * {@code 3,316,340.009}), three significant digits below ({@code 0.0661}), trailing zeros
     * dropped; very large or tiny values in scientific notation.
     */
    public static String decimal(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        double abs = Math.abs(x);
        if (abs >= 1e15 || abs < 1e-6) {
            return String.format(Locale.ROOT, "%.3e", x);
        }
        BigDecimal value = new BigDecimal(x);
        BigDecimal rounded = abs >= 1 ? value.setScale(3, RoundingMode.HALF_EVEN)
                : value.round(new java.math.MathContext(3, RoundingMode.HALF_EVEN));
        rounded = rounded.stripTrailingZeros();
        if (rounded.scale() < 0) {
            rounded = rounded.setScale(0);
        }
        if (abs < GROUP_FROM) {
            return rounded.toPlainString();
        }
        String plain = rounded.toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot);
        return count(Long.parseLong(whole)) + fraction;
    }

    /** A duration in seconds: {@code 0.2 s}, {@code 12.3 s}, {@code 1 min 23 s}, {@code 2 h 05 min}. */
    public static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return (s / 60) + " min " + String.format(Locale.ROOT, "%02d", s % 60) + " s";
        }
        return (s / 3600) + " h " + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + " min";
    }

    /** A time still to go, coarser than {@link #duration}: {@code under a second}, {@code 4 s}. */
    public static String remaining(double seconds) {
        if (seconds < 1) {
            return "under a second";
        }
        if (seconds < 60) {
            return Math.round(seconds) + " s";
        }
        return duration(seconds);
    }

    /** A fraction as a whole percent, never 100% before the end: {@code 35%}. */
    public static String percent(double fraction, boolean over) {
        long p = Math.round(fraction * 100);
        if (!over && p >= 100) {
            p = 99;
        }
        return p + "%";
    }
}
