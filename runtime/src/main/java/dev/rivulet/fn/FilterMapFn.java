package dev.rivulet.fn;

import java.io.Serializable;

/** Maps an item, or returns {@code null} to drop it: {@code x -> x % 2 == 0 ? x + 1 : null}. */
@FunctionalInterface
public interface FilterMapFn<T, R> extends Serializable {
    R apply(T item) throws Exception;
}
