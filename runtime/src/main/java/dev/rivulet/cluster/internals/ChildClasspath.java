package dev.rivulet.cluster.internals;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path of a child worker JVM: this JVM's {@code java.class.path} plus every file or
 * directory URL of the {@link URLClassLoader}s between the caller's context class loader and the
 * system loader — where a job's own classes live when they were added at run time (the CLI's
 * {@code --classpath}, a notebook's added jars). Without them a child could not resolve the
 * flow's lambdas.
 */
final class ChildClasspath {

    private ChildClasspath() {
    }

    static String of(ClassLoader context) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        Set<String> added = new LinkedHashSet<>();
        for (ClassLoader loader = context; loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            added.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            // not a plain file URL: the child cannot use it anyway
                        }
                    }
                }
            }
        }
        // After the JVM's own entries: the same lookup order as the caller's parent-first loaders.
        Set<String> ordered = new LinkedHashSet<>(entries);
        ordered.addAll(added);
        return String.join(File.pathSeparator, ordered);
    }
}
