package dev.rivulet;

import java.io.Serializable;

/**
 * A keyed item: the key routes it to the worker that owns the key's state, the value is what
 * keyed operators work on. Rendered as two columns, {@code key} and {@code value}, in tables.
 *
 * <pre>{@code
 * KV<String, Long> one = KV.of("apple", 1L);
 * }</pre>
 */
public record KV<K, V>(K key, V value) implements Serializable {

    public static <K, V> KV<K, V> of(K key, V value) {
        return new KV<>(key, value);
    }

    @Override
    public String toString() {
        return "(" + key + ", " + value + ")";
    }
}
