package dev.rivulet;

/**
 * The two streams of a {@link DataStream#branch branch}: the items the predicate accepted and
 * the ones it rejected.
 */
public record Branch<T>(DataStream<T> trues, DataStream<T> falses) {
}
