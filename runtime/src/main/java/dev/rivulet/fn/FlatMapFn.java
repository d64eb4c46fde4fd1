package dev.rivulet.fn;

import java.io.Serializable;

/** Turns one item into zero or more items: {@code line -> List.of(line.split(" "))}. */
@FunctionalInterface
public interface FlatMapFn<T, R> extends Serializable {
    Iterable<? extends R> apply(T item) throws Exception;
}
