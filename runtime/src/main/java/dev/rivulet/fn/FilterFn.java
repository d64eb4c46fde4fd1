package dev.rivulet.fn;

import java.io.Serializable;

/** Decides whether an item is kept: {@code x -> x % 2 == 1}. */
@FunctionalInterface
public interface FilterFn<T> extends Serializable {
    boolean test(T item) throws Exception;
}
