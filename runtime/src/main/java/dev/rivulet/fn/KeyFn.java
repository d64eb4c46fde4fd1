package dev.rivulet.fn;

import java.io.Serializable;

/**
 * Extracts the routing key of an item: {@code word -> word}. Keys must hash the same in every
 * JVM: {@code String}, boxed primitives, enums, records and lists of those (see
 * {@link dev.rivulet.StableHash}).
 */
@FunctionalInterface
public interface KeyFn<T, K> extends Serializable {
    K apply(T item) throws Exception;
}
