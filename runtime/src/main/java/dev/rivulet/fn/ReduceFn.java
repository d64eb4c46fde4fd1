package dev.rivulet.fn;

import java.io.Serializable;

/** Combines an accumulator with the next value of a key: {@code Long::sum}. */
@FunctionalInterface
public interface ReduceFn<V> extends Serializable {
    V apply(V accumulator, V value) throws Exception;
}
