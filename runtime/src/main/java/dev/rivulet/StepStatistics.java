package dev.rivulet;

/**
 * Counters of one step over a run, summed over workers: items that entered it, items an input
 * read, and items a window found late.
 */
public record StepStatistics(String stepId, String operator, long itemsIn, long itemsOut,
        long lateItems) {
}
