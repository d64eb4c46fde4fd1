package dev.rivulet.kernel;

import java.io.File;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/** Installs JShell's compiled cell classes into a {@link ReplClassLoader} of this JVM. */
final class ReplLoaderDelegate implements LoaderDelegate {
    private final ReplClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    ReplLoaderDelegate(ReplClassLoader loader) {
        this.loader = loader;
    }

    ReplClassLoader loader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
        boolean[] installed = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) {
            try {
                loaded.put(classes[i].name(), loader.loadClass(classes[i].name()));
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("cannot load " + classes[i].name() + ": " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                loader.addURL(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("not a usable class path entry: " + entry);
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = loaded.get(name);
        if (c == null) {
            throw new ClassNotFoundException(name + " was not loaded by the notebook");
        }
        return c;
    }
}
