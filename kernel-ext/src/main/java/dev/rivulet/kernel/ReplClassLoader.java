package dev.rivulet.kernel;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of notebook code: defines the classes JShell compiles from cells, and loads
 * jars added with {@code %jars}, {@code %classpath} and {@code %maven}. Its parent is the kernel's
 * own loader, so cells see Rivulet and Tablesaw as they are (same classes, same statics).
 *
 * <p>It keeps the bytes of every cell class it was given (including overwritten versions) and
 * serves them as resources ({@code REPL/$JShell$12.class}), so code that ships notebook classes
 * to other JVMs can read them.
 */
public final class ReplClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

    ReplClassLoader(ClassLoader parent) {
        super(new URL[0], parent);
    }

    void declare(String binaryName, byte[] bytes) {
        declared.put(binaryName, bytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = declared.get(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length);
        }
        return super.findClass(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = declared.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (bytes != null) {
                return new ByteArrayInputStream(bytes);
            }
        }
        return super.getResourceAsStream(name);
    }

    /** Adds a jar or class directory (for {@code %jars}, {@code %classpath}, {@code %maven}). */
    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }

    /** The bytes of the notebook class {@code binaryName} (for example {@code REPL.$JShell$12}), or null. */
    public byte[] classBytes(String binaryName) {
        return declared.get(binaryName);
    }

    /** Every notebook class defined so far, by binary name (a read-only view). */
    public Map<String, byte[]> declaredClasses() {
        return Collections.unmodifiableMap(declared);
    }
}
