package dev.rivulet.fn;

/**
 * A {@link FoldFn} over a primitive {@code long} accumulator: {@code (sum, e) -> sum + e.amount()}.
 * Window steps given one keep each window's accumulator in a mutable {@code long}, so folding an
 * item allocates nothing (a {@code FoldFn<Long, V>} boxes a new {@code Long} per item).
 */
@FunctionalInterface
public interface LongFoldFn<V> extends FoldFn<Long, V> {
    long applyAsLong(long accumulator, V value) throws Exception;

    /** The boxed form, for the paths that keep boxed accumulators (buffered sessions). */
    @Override
    default Long apply(Long accumulator, V value) throws Exception {
        return applyAsLong(accumulator, value);
    }
}
