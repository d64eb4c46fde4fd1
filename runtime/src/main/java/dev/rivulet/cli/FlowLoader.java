package dev.rivulet.cli;

import dev.rivulet.Dataflow;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the {@link Dataflow} an {@link ImportString} names: loads the class (compiling a
 * {@code .java} file first), then reads the static field or calls the static method.
 *
 * <p>Classes load in a fresh class loader over {@code --classpath} (and the compiled source
 * file), whose parent is the loader of Rivulet itself. {@link #load} makes it the calling
 * thread's context class loader, which worker threads inherit; {@link #close} restores the
 * previous one.
 *
 * <pre>{@code
 * try (FlowLoader loader = new FlowLoader(JobClasspath.parse(cp), scratchDir)) {
 *     Dataflow flow = loader.load(ImportString.parse("com.example.Flows:build(\"in.txt\")"));
 *     Rivulet.run(flow, 2, RunOptions.defaults());
 * }
 * }</pre>
 */
public final class FlowLoader implements Closeable {
    private final List<Path> classpath;
    private final Path scratchDir;
    private final Thread thread = Thread.currentThread();
    private final ClassLoader previousContextLoader = thread.getContextClassLoader();
    private URLClassLoader loader;
    private List<Path> jobClasspath = List.of();

    /**
     * @param classpath extra jars and class directories ({@code --classpath})
     * @param scratchDir where a {@code .java} import string's classes are compiled to
     */
    public FlowLoader(List<Path> classpath, Path scratchDir) {
        this.classpath = List.copyOf(classpath);
        this.scratchDir = scratchDir;
    }

    /**
     * Where the job's own classes are, once {@link #load} has run: the compiled source file's
     * directory (if any), then {@code --classpath}.
     */
    public List<Path> jobClasspath() {
        return jobClasspath;
    }

    /** The job's class loader, once {@link #load} has created it. */
    public ClassLoader classLoader() {
        return loader;
    }

    /**
     * The flow {@code spec} names.
     *
     * @throws FlowLoadException saying what was wrong and what to do
     */
    public Dataflow load(ImportString spec) {
        List<Path> entries = new ArrayList<>();
        String className = spec.target();
        if (spec.sourceFile()) {
            Path classes = scratchDir.resolve("classes");
            className = SourceFileCompiler.compile(Path.of(spec.target()),
                    JobClasspath.forCompiler(classpath), classes);
            entries.add(classes);
        }
        entries.addAll(classpath);
        jobClasspath = List.copyOf(entries);
        loader = new URLClassLoader("rivulet-job", JobClasspath.urls(entries), FlowLoader.class.getClassLoader());
        thread.setContextClassLoader(loader);
        Class<?> owner = loadClass(className, spec);
        Object value = spec.isCall() ? call(owner, spec) : fieldOrNoArgMethod(owner, spec);
        return checkDataflow(owner, spec, value);
    }

    private Class<?> loadClass(String name, ImportString spec) {
        String candidate = name;
        while (true) {
            try {
                return Class.forName(candidate, true, loader);
            } catch (ClassNotFoundException e) {
                int dot = candidate.lastIndexOf('.');
                if (spec.sourceFile() || dot < 0) {
                    throw classNotFound(name, spec);
                }
                candidate = candidate.substring(0, dot) + "$" + candidate.substring(dot + 1); // nested
            } catch (ExceptionInInitializerError e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new FlowLoadException("initializing class " + candidate + " failed: its static"
                        + " initializer threw " + brief(cause), cause, false);
            } catch (LinkageError e) {
                throw new FlowLoadException("class " + candidate + " was found but cannot be loaded: "
                        + brief(e) + (e instanceof NoClassDefFoundError ? ". It needs a class that is"
                        + " not on the classpath: add the jar that has it with --classpath" : ""),
                        e, true);
            }
        }
    }

    private FlowLoadException classNotFound(String name, ImportString spec) {
        String searched = classpath.isEmpty() ? "no --classpath was given, so only Rivulet's own"
                + " classpath was searched"
                : "--classpath: " + classpath.stream().map(Path::toString).collect(Collectors.joining(", "));
        String hint = name.contains(".") ? "" : " A class in a package needs its package, such as"
                + " com.example." + name + ".";
        return new FlowLoadException("class '" + name + "' was not found (import string '" + spec.text()
                + "'). Check the spelling: class names are fully qualified and case-sensitive."
                + hint + " Make sure its jar or classes directory is on the classpath: add it with"
                + " --classpath (" + searched + ").", null, true);
    }

    private Object fieldOrNoArgMethod(Class<?> owner, ImportString spec) {
        String name = spec.member();
        Field field = findField(owner, name);
        if (field != null) {
            requirePublicStatic(owner, field, "field");
            try {
                field.trySetAccessible();
                return field.get(null);
            } catch (IllegalAccessException e) {
                throw new FlowLoadException("cannot read field " + name + " of " + owner.getName()
                        + ": " + e.getMessage() + "; make the class and the field public", e, true);
            }
        }
        List<Method> methods = methodsNamed(owner, name);
        if (methods.isEmpty()) {
            throw missing(owner, spec);
        }
        for (Method method : methods) {
            if (method.getParameterCount() == 0) {
                requirePublicStatic(owner, method, "method");
                return invoke(owner, spec, method, new Object[0]);
            }
        }
        throw new FlowLoadException(owner.getName() + "." + name + " needs arguments: "
                + MethodMatcher.signatures(methods) + ". Call it with literal arguments, e.g. "
                + spec.target() + ":" + example(methods.get(0)), null, true);
    }

    private Object call(Class<?> owner, ImportString spec) {
        List<Method> methods = methodsNamed(owner, spec.member());
        if (methods.isEmpty()) {
            if (findField(owner, spec.member()) != null) {
                throw new FlowLoadException("'" + spec.member() + "' is a field of " + owner.getName()
                        + ", not a method: drop the parentheses (" + spec.target() + ":" + spec.member()
                        + ")", null, true);
            }
            throw missing(owner, spec);
        }
        List<Method> usable = methods.stream().filter(FlowLoader::isPublicStatic).collect(Collectors.toList());
        if (usable.isEmpty()) {
            requirePublicStatic(owner, methods.get(0), "method");
        }
        Method method = MethodMatcher.choose(owner.getName(), spec.member(), usable, spec.arguments());
        return invoke(owner, spec, method, MethodMatcher.convert(method, spec.arguments()));
    }

    private Object invoke(Class<?> owner, ImportString spec, Method method, Object[] args) {
        try {
            method.trySetAccessible();
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new FlowLoadException(owner.getName() + "." + spec.memberText() + " threw "
                    + brief(cause) + " while building the flow", cause, false);
        } catch (IllegalAccessException e) {
            throw new FlowLoadException("cannot call " + owner.getName() + "." + MethodMatcher.signature(method)
                    + ": " + e.getMessage() + "; make the class and the method public", e, true);
        }
    }

    private Dataflow checkDataflow(Class<?> owner, ImportString spec, Object value) {
        String where = owner.getName() + ":" + spec.memberText();
        if (value instanceof Dataflow flow) {
            return flow;
        }
        if (value == null) {
            throw new FlowLoadException(where + " is null, not a Dataflow; assign the flow"
                    + (spec.isCall() ? " and return it" : " in the field's declaration or a static"
                    + " initializer"), null, true);
        }
        if (value.getClass().getName().equals(Dataflow.class.getName())) {
            throw new FlowLoadException(where + " is a Dataflow of another copy of the Rivulet"
                    + " runtime: remove rivulet-runtime from --classpath (the launcher provides it)",
                    null, true);
        }
        throw new FlowLoadException(where + " is a " + value.getClass().getName() + ", not a "
                + Dataflow.class.getName() + ". " + dataflowMembers(owner), null, true);
    }

    private FlowLoadException missing(Class<?> owner, ImportString spec) {
        String kind = spec.isCall() ? "method" : "field or method";
        return new FlowLoadException(owner.getName() + " has no public static " + kind + " '"
                + spec.member() + "'" + (spec.isCall() || spec.text().contains(":") ? ""
                : " (the default when the import string has no ':member')") + ". "
                + dataflowMembers(owner), null, true);
    }

    /** "Static Dataflow members of X: field flow, method build(String, int)." or advice. */
    static String dataflowMembers(Class<?> owner) {
        List<String> found = Arrays.stream(owner.getDeclaredFields())
                .filter(f -> isPublicStatic(f) && Dataflow.class.isAssignableFrom(f.getType()))
                .map(f -> "field " + f.getName())
                .sorted()
                .collect(Collectors.toList());
        List<Method> methods = Arrays.stream(owner.getDeclaredMethods())
                .filter(m -> isPublicStatic(m) && Dataflow.class.isAssignableFrom(m.getReturnType()))
                .sorted((a, b) -> MethodMatcher.signature(a).compareTo(MethodMatcher.signature(b)))
                .collect(Collectors.toList());
        methods.forEach(m -> found.add("method " + MethodMatcher.signature(m)));
        if (found.isEmpty()) {
            return owner.getName() + " has no public static Dataflow fields or methods at all; add one,"
                    + " e.g. public static final Dataflow flow = build();";
        }
        return "Public static Dataflow members of " + owner.getName() + ": " + String.join(", ", found) + ".";
    }

    private static void requirePublicStatic(Class<?> owner, Member member, String kind) {
        if (!Modifier.isStatic(member.getModifiers())) {
            throw new FlowLoadException(kind + " '" + member.getName() + "' of " + owner.getName()
                    + " is not static; Rivulet reads flows without creating instances: declare it"
                    + " public static", null, true);
        }
        if (!Modifier.isPublic(member.getModifiers())) {
            throw new FlowLoadException(kind + " '" + member.getName() + "' of " + owner.getName()
                    + " is not public; declare it public static", null, true);
        }
    }

    private static boolean isPublicStatic(Member member) {
        return Modifier.isStatic(member.getModifiers()) && Modifier.isPublic(member.getModifiers());
    }

    private static Field findField(Class<?> owner, String name) {
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return field;
                }
            }
        }
        return null;
    }

    private static List<Method> methodsNamed(Class<?> owner, String name) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals(name) && !method.isSynthetic() && !method.isBridge()) {
                    methods.add(method);
                }
            }
        }
        methods.sort((a, b) -> MethodMatcher.signature(a).compareTo(MethodMatcher.signature(b)));
        return methods;
    }

    private static String example(Method method) {
        List<String> args = new ArrayList<>();
        for (Class<?> type : method.getParameterTypes()) {
            args.add(type == String.class || type == Path.class ? "\"text\""
                    : type == boolean.class || type == Boolean.class ? "true"
                    : type.isPrimitive() || Number.class.isAssignableFrom(type) ? "3" : "null");
        }
        return method.getName() + "(" + String.join(", ", args) + ")";
    }

    /** {@code SimpleName: message}, the way the CLI shows exceptions. */
    static String brief(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Restores the thread's previous context class loader and closes the job class loader. */
    @Override
    public void close() throws IOException {
        thread.setContextClassLoader(previousContextLoader);
        if (loader != null) {
            loader.close();
        }
    }
}
