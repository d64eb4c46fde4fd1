package dev.rivulet.notebook.jjava;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * The class files of JJava's cell classes. JJava 1.0-a6 keeps them in the private map
 * {@code declaredClasses} of its {@code JJavaLoaderDelegate}; its class loader (an inner class of
 * the delegate, so it holds the delegate in its {@code this$0} field) defines classes from that map
 * but does not serve them as resources. The map loses a class when its snippet is overwritten, so
 * every class seen is also kept here: a flow built before a cell was redefined still ships.
 */
final class JJavaCellClasses {
    private final Supplier<ClassLoader> findLoader;
    private final Map<String, byte[]> seen = new ConcurrentHashMap<>();
    private volatile ClassLoader loader;
    private volatile Map<String, byte[]> declared;

    /**
     * Reads classes from the delegate behind the loader {@code findLoader} gives; asked lazily,
     * because JJava may install extensions before its JShell is up.
     */
    JJavaCellClasses(Supplier<ClassLoader> findLoader) {
        this.findLoader = findLoader;
    }

    /** Follows the kernel's snippets (when it exposes {@code getJShell()}): keeps each new class. */
    void follow(Object kernel) {
        try {
            Object shell = kernel.getClass().getMethod("getJShell").invoke(kernel);
            if (shell instanceof jdk.jshell.JShell jshell) {
                jshell.onSnippetEvent(event -> remember());
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // an older or newer JJava: classes are still read when a flow is shipped
        }
    }

    private void remember() {
        if (loader == null) {
            ClassLoader found = findLoader.get();
            if (found != null) {
                declared = declaredClassesOf(found);
                loader = found;
            }
        }
        Map<String, byte[]> map = declared;
        if (map != null) {
            seen.putAll(map);
        }
    }

    /** The notebook's loader: JJava's protected {@code BaseKernel.getClassLoader()}, or null. */
    static ClassLoader notebookLoaderOf(BaseKernel kernel) {
        for (Class<?> type = kernel.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Method method = type.getDeclaredMethod("getClassLoader");
                method.setAccessible(true);
                return (ClassLoader) method.invoke(kernel);
            } catch (NoSuchMethodException e) {
                // declared further up
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The {@code declaredClasses} map of the loader delegate that owns {@code loader} (found
     * through the inner class's outer-instance field), or null when JJava's layout is different.
     */
    @SuppressWarnings("unchecked")
    static Map<String, byte[]> declaredClassesOf(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            for (Field outerField : loader.getClass().getDeclaredFields()) {
                if (!outerField.getName().startsWith("this$")) {
                    continue;
                }
                outerField.setAccessible(true);
                Object delegate = outerField.get(loader);
                Field map = delegate.getClass().getDeclaredField("declaredClasses");
                map.setAccessible(true);
                return (Map<String, byte[]>) map.get(delegate);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The notebook's class loader, or null if it could not be found. */
    ClassLoader loader() {
        remember();
        return loader;
    }

    /** The class file of {@code binaryName}, or null when JJava does not have it (any more). */
    byte[] bytes(String binaryName) {
        remember();
        return seen.get(binaryName);
    }
}
