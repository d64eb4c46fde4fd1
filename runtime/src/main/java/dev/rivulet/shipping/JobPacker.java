package dev.rivulet.shipping;

import dev.rivulet.Dataflow;
import dev.rivulet.flow.FlowStep;
import dev.rivulet.shipping.internals.ClassScanner.Member;
import dev.rivulet.shipping.internals.Reachability;
import dev.rivulet.shipping.internals.RecordingObjectOutputStream;
import dev.rivulet.shipping.internals.SerializedRefs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Packs a flow built in a notebook for worker JVMs (see the package documentation).
 *
 * <pre>{@code
 * JobPackage job = JobPacker.pack(flow, replLoader, JobPacker.resourceBytes(replLoader));
 * }</pre>
 */
public final class JobPacker {

    /**
     * Functions that exist only in a notebook kernel (displays, magics, the kernel itself): code
     * that calls them cannot run on a worker, so packing refuses it up front.
     */
    static final Set<String> NOTEBOOK_ONLY_CALLS = Set.of(
            "dev.rivulet.kernel.NotebookFunctions.display", "dev.rivulet.kernel.NotebookFunctions.updateDisplay",
            "dev.rivulet.kernel.NotebookFunctions.getKernelInstance", "dev.rivulet.kernel.NotebookFunctions.lineMagic",
            "dev.rivulet.kernel.NotebookFunctions.lineMagicStatement", "dev.rivulet.kernel.NotebookFunctions.cellMagic",
            "dev.rivulet.kernel.NotebookFunctions.cellMagicStatement",
            "io.github.spencerpark.ijava.runtime.Display.display", "io.github.spencerpark.ijava.runtime.Display.updateDisplay",
            "io.github.spencerpark.ijava.runtime.Kernel.getKernelInstance",
            "io.github.spencerpark.ijava.runtime.Magics.lineMagic", "io.github.spencerpark.ijava.runtime.Magics.cellMagic");

    /** JShell's wrapper classes (and everything nested in them) live in the package {@code REPL}. */
    public static final Predicate<String> NOTEBOOK_CLASS = name -> name.startsWith("REPL.");

    private JobPacker() {
    }

    /** Class bytes served as resources by a loader (IJava's and the JDK's JShell loaders do). */
    public static Function<String, byte[]> resourceBytes(ClassLoader loader) {
        return name -> {
            try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        };
    }

    /**
     * Packs {@code flow}: its serialized form, the notebook classes it needs, and the values of the
     * notebook variables its functions can read when they run (see {@link Reachability}).
     *
     * @param notebookLoader the loader of the notebook's classes (to read variables)
     * @param classBytes the class file of a notebook class by binary name, or {@code null}
     * @throws ShippingException naming the step and the variable when something cannot travel
     */
    public static JobPackage pack(Dataflow flow, ClassLoader notebookLoader, Function<String, byte[]> classBytes) {
        List<JobPackage.StaticValue> statics = new ArrayList<>();
        Reachability reach = new Reachability(NOTEBOOK_CLASS, new Reachability.Listener() {
            @Override
            public byte[] classBytes(String className, String step) {
                byte[] bytes = classBytes.apply(className);
                if (bytes == null) {
                    throw new ShippingException("notebook class " + className + " (used by step '" + step
                            + "') cannot be read to send it to the workers; re-run the cell that defines it", null);
                }
                return bytes;
            }

            @Override
            public void call(Member called, String step) {
                if (NOTEBOOK_ONLY_CALLS.contains(called.owner() + "." + called.name())) {
                    throw new ShippingException("step '" + step + "' uses " + called.name() + "(...), which exists"
                            + " only in the notebook kernel, not on worker processes; keep displays and magics out"
                            + " of the functions you give to operators (run the flow with %run_main to use them, or"
                            + " display the returned table afterwards)", null);
                }
            }

            @Override
            public SerializedRefs variable(Member field, String step) {
                SerializedRefs refs = new SerializedRefs();
                JobPackage.StaticValue value = snapshot(field.owner(), field.name(), notebookLoader, refs, step);
                if (value != null) {
                    statics.add(value);
                }
                return refs;
            }
        });
        for (FlowStep step : flow.steps()) {
            SerializedRefs refs = new SerializedRefs();
            try {
                serialize(step, refs);
            } catch (IOException e) {
                throw new ShippingException("step '" + step.stepId() + "' (" + step.operator() + ") cannot be sent"
                        + " to worker processes: " + explain(e, notebookLoader, true), e);
            }
            reach.addRoots(refs, step.stepId());
        }
        byte[] flowBytes;
        SerializedRefs whole = new SerializedRefs();
        try {
            flowBytes = serialize(flow, whole);
        } catch (IOException e) {
            throw new ShippingException("dataflow '" + flow.name() + "' cannot be sent to worker processes: "
                    + explain(e, notebookLoader, false), e);
        }
        reach.addRoots(whole, "?");
        reach.run();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String name : reach.classesToShip().keySet()) {
            classes.put(name, reach.bytes(name));
        }
        return new JobPackage(flowBytes, classes, statics);
    }

    /**
     * The value of a notebook variable now, serialized (what it holds of the notebook joins
     * {@code refs}); {@code null} for fields that are not variables: a {@code static final}
     * constant is set by its class's initialiser on the worker as in the notebook.
     */
    private static JobPackage.StaticValue snapshot(String owner, String fieldName, ClassLoader loader,
            SerializedRefs refs, String stepId) {
        Field field;
        Object value;
        try {
            field = Class.forName(owner, false, loader).getDeclaredField(fieldName);
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers) || field.isSynthetic()) {
                return null;
            }
            field.setAccessible(true);
            value = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // not a variable we can read (e.g. a JShell internal); nothing to ship
        }
        if (value == null) {
            return new JobPackage.StaticValue(owner, fieldName, null);
        }
        try {
            return new JobPackage.StaticValue(owner, fieldName, serialize(value, refs));
        } catch (IOException e) {
            throw new ShippingException("step '" + stepId + "' reads the notebook variable `" + fieldName + "` ("
                    + typeName(value.getClass()) + ") in a function, which cannot be sent to worker processes: "
                    + explain(e, loader, false) + ". Workers get a copy of each variable the step's functions read,"
                    + " taken when the run starts: make the value Serializable, or create it inside the function"
                    + " instead (e.g. open a connection or a file there)", e);
        }
    }

    private static byte[] serialize(Object object, SerializedRefs refs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordingObjectOutputStream out = new RecordingObjectOutputStream(bytes, NOTEBOOK_CLASS, refs)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /**
     * Why serialization failed, with the fix: a lambda of a non-serializable type, a cell's class or
     * record without {@code implements java.io.Serializable}, or another class that is not
     * Serializable ({@code ofStep}: the failure is in a step's own functions or source).
     */
    static String explain(IOException e, ClassLoader notebookLoader, boolean ofStep) {
        if (e instanceof NotSerializableException n && n.getMessage() != null) {
            String type = n.getMessage();
            if (type.contains("$$Lambda")) {
                return "one of its functions is a lambda of a non-serializable type (" + type + "); declare it with"
                        + " a Rivulet function type such as MapFn, or cast it: (MapFn<String, Integer> & Serializable)";
            }
            if (NOTEBOOK_CLASS.test(type)) {
                return notebookClassFix(type, notebookLoader);
            }
            return "an object of class " + type + " is not Serializable" + (ofStep ? "; a function of this step"
                    + " captures it, or its source or sink holds it: create it inside the function instead, or hold"
                    + " a Serializable description of it (a path as a String, a URL, settings)" : "");
        }
        return e.toString();
    }

    private static String notebookClassFix(String type, ClassLoader notebookLoader) {
        String kind = "class";
        String simple = type.substring(Math.max(type.lastIndexOf('$'), type.lastIndexOf('.')) + 1);
        try {
            Class<?> cls = Class.forName(type, false, notebookLoader);
            simple = cls.getSimpleName();
            kind = cls.isRecord() ? "record" : cls.isEnum() ? "enum" : "class";
        } catch (ClassNotFoundException | LinkageError ignored) {
            // the name alone still says which declaration to change
        }
        String example = kind.equals("record") ? "record " + simple + "(...) implements java.io.Serializable { ... }"
                : "class " + simple + " implements java.io.Serializable { ... }";
        return "the notebook's " + kind + " `" + simple + "` is not Serializable, and its objects must travel to the"
                + " workers; add `implements java.io.Serializable` to its declaration (" + example + ") and re-run"
                + " that cell and the cells after it";
    }

    /** A class as the user wrote it: {@code Trade} for a cell's class, not {@code REPL.$JShell$13$Trade}. */
    private static String typeName(Class<?> type) {
        return NOTEBOOK_CLASS.test(type.getName()) ? type.getSimpleName() : type.getName();
    }
}
