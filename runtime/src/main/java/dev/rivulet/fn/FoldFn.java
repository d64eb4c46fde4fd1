package dev.rivulet.fn;

import java.io.Serializable;

/** Folds the next value into an accumulator: {@code (list, v) -> { list.add(v); return list; }}. */
@FunctionalInterface
public interface FoldFn<A, V> extends Serializable {
    A apply(A accumulator, V value) throws Exception;
}
