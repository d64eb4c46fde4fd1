package dev.rivulet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routing hash: identical in every JVM and every run, so a key always lands on the same
 * worker and its recovered state is found again. Identity hash codes never enter it.
 *
 * <p>Supported keys: {@code String}, boxed primitives, enums (hashed by name, so reordering
 * constants does not move keys), {@code UUID}, {@code BigInteger}, {@code BigDecimal}, the
 * {@code java.time} value types, records whose components are supported keys, and lists of
 * supported keys. Anything else is rejected with {@link UnroutableKeyException}.
 *
 * <pre>{@code
 * int worker = StableHash.workerFor("apple", 4);   // the same in every JVM
 * }</pre>
 */
public final class StableHash {

    private static final ConcurrentHashMap<Class<?>, RecordComponent[]> RECORD_COMPONENTS =
            new ConcurrentHashMap<>();

    private StableHash() {
    }

    /** The 64-bit stable hash of {@code key}. */
    public static long of(Object key) {
        return mix(raw(key));
    }

    /** The worker index in {@code [0, workerCount)} that owns {@code key}. */
    public static int workerFor(Object key, int workerCount) {
        long hash = of(key);
        if ((workerCount & (workerCount - 1)) == 0) {
            // The same value as floorMod for a power of two, without a 64-bit division per item.
            return (int) (hash & (workerCount - 1));
        }
        return (int) Math.floorMod(hash, (long) workerCount);
    }

    /** Whether {@code key} can be routed; {@code false} for {@code null} and unsupported classes. */
    public static boolean isRoutable(Object key) {
        try {
            raw(key);
            return true;
        } catch (UnroutableKeyException e) {
            return false;
        }
    }

    private static long raw(Object key) {
        if (key == null) {
            throw new UnroutableKeyException("a null key");
        }
        // The hashCode methods used below are specified by their classes' contracts (String,
        // boxed primitives, UUID, BigInteger, BigDecimal, java.time values) and so are stable.
        // The commonest keys first, with their hashCode written out (the same values), so that
        // routing them is a few instructions and no virtual call.
        if (key instanceof Integer i) {
            return i.intValue();
        }
        if (key instanceof Long l) {
            return Long.hashCode(l.longValue());
        }
        if (key instanceof String s) {
            return s.hashCode();
        }
        if (key instanceof Integer || key instanceof Long || key instanceof Short
                || key instanceof Byte || key instanceof Character || key instanceof Boolean) {
            return key.hashCode();
        }
        if (key instanceof Double d) {
            return Double.hashCode(d == 0.0 ? 0.0 : d);
        }
        if (key instanceof Float f) {
            return Float.hashCode(f == 0.0f ? 0.0f : f);
        }
        if (key instanceof Enum<?> e) {
            return e.name().hashCode() * 31L + 7;
        }
        if (key instanceof UUID || key instanceof BigInteger || key instanceof BigDecimal
                || isJavaTimeValue(key)) {
            return key.hashCode();
        }
        if (key instanceof List<?> list) {
            long h = 0x9E3779B97F4A7C15L;
            for (Object element : list) {
                h = h * 1_000_003L + mix(raw(element));
            }
            return h;
        }
        if (key instanceof Record record) {
            long h = record.getClass().getSimpleName().hashCode();
            for (RecordComponent component : components(record.getClass())) {
                Object value;
                try {
                    value = component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new UnroutableKeyException("record " + record.getClass().getName()
                            + " whose component " + component.getName() + " cannot be read");
                }
                if (value == null) {
                    throw new UnroutableKeyException("record " + record.getClass().getName()
                            + " whose component " + component.getName() + " is null");
                }
                h = h * 1_000_003L + mix(raw(value));
            }
            return h;
        }
        throw new UnroutableKeyException("a key of class " + key.getClass().getName());
    }

    private static RecordComponent[] components(Class<?> type) {
        return RECORD_COMPONENTS.computeIfAbsent(type, t -> {
            RecordComponent[] components = t.getRecordComponents();
            for (RecordComponent c : components) {
                c.getAccessor().setAccessible(true);
            }
            return components;
        });
    }

    private static boolean isJavaTimeValue(Object key) {
        return key.getClass().getName().startsWith("java.time.");
    }

    /** Murmur3's 64-bit finaliser: spreads the weak low bits of {@code hashCode()} values. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Thrown when a key cannot be routed; the engine adds the step id to the message. */
    public static final class UnroutableKeyException extends RuntimeException {
        private final String what;

        UnroutableKeyException(String what) {
            super("cannot route " + what + ": keys must be String, a boxed primitive, an enum, "
                    + "UUID, BigInteger, BigDecimal, a java.time value, a record of those or a "
                    + "List of those (their hash is the same in every JVM); "
                    + "map the key to one of these types in keyBy");
            this.what = what;
        }

        /** What was wrong, for example {@code "a key of class java.lang.Object"}. */
        public String what() {
            return what;
        }
    }
}
