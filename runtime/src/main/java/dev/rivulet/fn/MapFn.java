package dev.rivulet.fn;

import java.io.Serializable;

/** Turns one item into another: {@code line -> line.toLowerCase()}. */
@FunctionalInterface
public interface MapFn<T, R> extends Serializable {
    R apply(T item) throws Exception;
}
