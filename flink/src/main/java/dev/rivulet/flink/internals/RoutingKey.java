package dev.rivulet.flink.internals;

import dev.rivulet.StableHash;
import java.io.Serializable;
import java.util.Objects;

/**
 * The Flink key of a keyed step: the Rivulet key with its {@link StableHash}. Flink places keys
 * by {@code hashCode()}, which for enums and records is not the same in every JVM; this key's
 * hashCode is the stable hash, so a key lands on the same key group in every TaskManager and
 * after every restore, while equality stays the key's own (no two keys share state).
 */
public final class RoutingKey implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object key;
    private int hash;

    /** For Kryo. */
    RoutingKey() {
    }

    public RoutingKey(Object key) {
        this.key = key;
        long h = StableHash.of(key);
        this.hash = (int) (h ^ (h >>> 32));
    }

    public Object key() {
        return key;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingKey other && hash == other.hash && Objects.equals(key, other.key);
    }

    @Override
    public String toString() {
        return String.valueOf(key);
    }
}
