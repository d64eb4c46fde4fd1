package dev.rivulet.shipping;

import dev.rivulet.Dataflow;
import dev.rivulet.shipping.internals.ShippedClassLoader;
import dev.rivulet.shipping.internals.ShippedObjectInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * A flow ready to travel to a worker JVM: its serialized form, the bytes of the notebook classes
 * it needs, and the values of the notebook variables its code reads, taken when it was packed.
 *
 * @param flowBytes the Java-serialized {@link Dataflow}
 * @param classes binary class name → class file bytes, for every notebook class needed
 * @param statics notebook variables read by that code, in the order they must be restored
 */
public record JobPackage(byte[] flowBytes, Map<String, byte[]> classes, List<StaticValue> statics)
        implements Serializable {

    /** One notebook variable: a static field of a notebook class and its serialized value. */
    public record StaticValue(String owner, String field, byte[] value) implements Serializable {
    }

    /** The flow, materialised on a worker, and the loader its classes live in. */
    public record Opened(Dataflow flow, ClassLoader loader) {
    }

    /** Total bytes this package carries (for logs and status lines). */
    public long size() {
        long size = flowBytes.length;
        for (byte[] bytes : classes.values()) {
            size += bytes.length;
        }
        for (StaticValue value : statics) {
            size += value.value() == null ? 0 : value.value().length;
        }
        return size;
    }

    /**
     * Defines the shipped classes in a fresh loader under {@code parent}, restores the notebook
     * variables, and deserializes the flow. Call it once per run: each run gets its own loader, so
     * a cell redefined in the notebook is never confused with its old version.
     */
    public Opened open(ClassLoader parent) throws IOException, ClassNotFoundException {
        ShippedClassLoader loader = new ShippedClassLoader(classes, parent);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            for (StaticValue value : statics) {
                restore(loader, value);
            }
            try (ShippedObjectInputStream in = new ShippedObjectInputStream(new ByteArrayInputStream(flowBytes), loader)) {
                return new Opened((Dataflow) in.readObject(), loader);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void restore(ClassLoader loader, StaticValue value) throws IOException, ClassNotFoundException {
        Class<?> owner = Class.forName(value.owner(), true, loader);
        Object object = null;
        if (value.value() != null) {
            try (ShippedObjectInputStream in = new ShippedObjectInputStream(new ByteArrayInputStream(value.value()), loader)) {
                object = in.readObject();
            }
        }
        try {
            Field field = owner.getDeclaredField(value.field());
            if (!Modifier.isStatic(field.getModifiers())) {
                throw new IOException("shipped variable " + value.field() + " of " + value.owner() + " is not static");
            }
            field.setAccessible(true);
            field.set(null, object);
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot restore notebook variable " + value.field() + ": " + e, e);
        }
    }
}
