package dev.rivulet.shipping;

import dev.rivulet.Dataflow;
import dev.rivulet.flow.FlowStep;
import dev.rivulet.shipping.internals.ClassScanner;
import dev.rivulet.shipping.internals.RecordingObjectOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
     * Packs {@code flow}.
     *
     * @param notebookLoader the loader of the notebook's classes (to read variables)
     * @param classBytes the class file of a notebook class by binary name, or {@code null}
     * @throws ShippingException naming the step and the variable when something cannot travel
     */
    public static JobPackage pack(Dataflow flow, ClassLoader notebookLoader, Function<String, byte[]> classBytes) {
        Map<String, String> classToStep = new LinkedHashMap<>();
        for (FlowStep step : flow.steps()) {
            Set<String> seen = new LinkedHashSet<>();
            try {
                serialize(step, seen);
            } catch (IOException e) {
                throw new ShippingException("step '" + step.stepId() + "' (" + step.operator() + ") cannot be sent"
                        + " to worker processes: " + explain(e) + ". Functions given to operators must be lambdas"
                        + " or method references of Rivulet's function types, and everything they capture must be"
                        + " Serializable", e);
            }
            for (String name : seen) {
                classToStep.putIfAbsent(name, step.stepId());
            }
        }
        byte[] flowBytes;
        Set<String> seenInFlow = new LinkedHashSet<>();
        try {
            flowBytes = serialize(flow, seenInFlow);
        } catch (IOException e) {
            throw new ShippingException("dataflow '" + flow.name() + "' cannot be sent to worker processes: "
                    + explain(e), e);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        List<JobPackage.StaticValue> statics = new ArrayList<>();
        Set<String> staticsDone = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(seenInFlow);
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (classes.containsKey(name)) {
                continue;
            }
            byte[] bytes = classBytes.apply(name);
            if (bytes == null) {
                throw new ShippingException("notebook class " + name + " (used by step '" + classToStep.getOrDefault(name,
                        "?") + "') cannot be read to send it to the workers; re-run the cell that defines it", null);
            }
            classes.put(name, bytes);
            ClassScanner.References refs = ClassScanner.scan(bytes, NOTEBOOK_CLASS);
            String step = classToStep.getOrDefault(name, "?");
            for (String call : refs.calls()) {
                if (NOTEBOOK_ONLY_CALLS.contains(call)) {
                    throw new ShippingException("step '" + step + "' uses " + call.substring(call.lastIndexOf('.') + 1)
                            + "(...), which exists only in the notebook kernel, not on worker processes; keep"
                            + " displays and magics out of the functions you give to operators (run the flow with"
                            + " %run_main to use them, or display the returned table afterwards)", null);
                }
            }
            for (String referenced : refs.classes()) {
                classToStep.putIfAbsent(referenced, step);
                pending.add(referenced);
            }
            for (String[] read : refs.staticReads()) {
                String id = read[0] + "#" + read[1];
                if (staticsDone.add(id)) {
                    classToStep.putIfAbsent(read[0], step);
                    JobPackage.StaticValue value = snapshot(read[0], read[1], notebookLoader, pending, step);
                    if (value != null) {
                        statics.add(value);
                    }
                    pending.add(read[0]);
                }
            }
        }
        return new JobPackage(flowBytes, classes, statics);
    }

    /** The value of a notebook variable now, serialized; new classes it needs join {@code pending}. */
    private static JobPackage.StaticValue snapshot(String owner, String fieldName, ClassLoader loader,
            Deque<String> pending, String stepId) {
        Field field;
        Object value;
        try {
            field = Class.forName(owner, false, loader).getDeclaredField(fieldName);
            if (!Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                return null;
            }
            field.setAccessible(true);
            value = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not a variable we can read (e.g. a JShell internal); nothing to ship
        }
        if (value == null) {
            return new JobPackage.StaticValue(owner, fieldName, null);
        }
        Set<String> seen = new LinkedHashSet<>();
        try {
            byte[] bytes = serialize(value, seen);
            pending.addAll(seen);
            return new JobPackage.StaticValue(owner, fieldName, bytes);
        } catch (IOException e) {
            throw new ShippingException("step '" + stepId + "' reads the notebook variable `" + fieldName + "` ("
                    + value.getClass().getName() + "), which cannot be sent to worker processes: " + explain(e)
                    + ". Workers get a copy of each variable the flow's code reads, taken when the run starts;"
                    + " make it Serializable, or compute it inside the step", e);
        }
    }

    private static byte[] serialize(Object object, Set<String> seen) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordingObjectOutputStream out = new RecordingObjectOutputStream(bytes, NOTEBOOK_CLASS, seen)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static String explain(IOException e) {
        if (e instanceof NotSerializableException n) {
            String type = n.getMessage();
            if (type != null && type.contains("$$Lambda")) {
                return "a lambda of a non-serializable type (" + type + "); declare it with a Rivulet function"
                        + " type such as MapFn, or cast it: (MapFn<String, Integer> & Serializable)";
            }
            return "an object of class " + type + " is not Serializable";
        }
        return e.toString();
    }
}
