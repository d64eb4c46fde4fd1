package dev.rivulet.shipping;

import dev.rivulet.shipping.internals.ShippedObjectInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A {@link JobPackage} as a jar, for engines that load a job's classes from jars of their own
 * (Flink's user-code class loader on a TaskManager): the notebook classes as class files, and the
 * notebook variables as one resource that {@link #restoreVariables} puts back into those classes
 * in the loader that loaded the jar, once per loader, before user functions run.
 *
 * <pre>{@code
 * Path jar = ShippedJar.write(JobPacker.pack(flow, loader, bytes), Files.createTempFile("job", ".jar"));
 * // on the TaskManager, in a function's open():
 * ShippedJar.restoreVariables(Thread.currentThread().getContextClassLoader());
 * }</pre>
 */
public final class ShippedJar {
    /** The resource holding the serialized notebook variables. */
    static final String VARIABLES = "META-INF/rivulet/notebook-variables.ser";

    private static final Map<ClassLoader, Boolean> RESTORED = Collections.synchronizedMap(new WeakHashMap<>());

    private ShippedJar() {
    }

    /** Writes {@code job}'s classes and variables to {@code jar} (replaced) and returns it. */
    public static Path write(JobPackage job, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> c : job.classes().entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(VARIABLES));
            ObjectOutputStream values = new ObjectOutputStream(out);
            values.writeObject(new ArrayList<>(job.statics()));
            values.flush();
            out.closeEntry();
        }
        return jar;
    }

    /**
     * Sets the notebook variables shipped in a jar of {@code loader} (nothing when it has none), the
     * first time it is called for that loader; later calls return at once. Functions read the
     * variables only when they run, so calling this from each function's open is early enough.
     *
     * @throws IllegalStateException when the shipped values cannot be read back
     */
    public static void restoreVariables(ClassLoader loader) {
        if (loader == null || RESTORED.containsKey(loader)) {
            return;
        }
        synchronized (RESTORED) {
            if (RESTORED.containsKey(loader)) {
                return;
            }
            try (InputStream in = loader.getResourceAsStream(VARIABLES)) {
                if (in != null) {
                    List<?> values;
                    try (ShippedObjectInputStream objects = new ShippedObjectInputStream(in, loader)) {
                        values = (List<?>) objects.readObject();
                    }
                    for (Object value : values) {
                        restore(loader, (JobPackage.StaticValue) value);
                    }
                }
            } catch (IOException | ReflectiveOperationException e) {
                throw new IllegalStateException("the notebook variables shipped with this job cannot be restored: "
                        + e, e);
            }
            RESTORED.put(loader, Boolean.TRUE);
        }
    }

    private static void restore(ClassLoader loader, JobPackage.StaticValue value)
            throws IOException, ReflectiveOperationException {
        Object object = null;
        if (value.value() != null) {
            try (ShippedObjectInputStream in = new ShippedObjectInputStream(new ByteArrayInputStream(value.value()),
                    loader)) {
                object = in.readObject();
            }
        }
        Field field = Class.forName(value.owner(), true, loader).getDeclaredField(value.field());
        field.setAccessible(true);
        field.set(null, object);
    }
}
