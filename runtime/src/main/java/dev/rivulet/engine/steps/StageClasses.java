package dev.rivulet.engine.steps;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StatelessStep;
import dev.rivulet.engine.StepStats;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each fused step its own copy of its stage class, so that the JIT can inline a whole chain.
 *
 * <p>Why: the JIT inlines a call only where it has seen few receiver classes. With one shared
 * {@code MapStage} class, its {@code fn.apply} and {@code next.push} calls see every map lambda
 * and every following stage of every flow in the JVM, so each item pays a virtual call per step and
 * every intermediate result is boxed on the heap. A copy (a hidden class defined from the same
 * bytes) whose call sites only ever see one function class and one next-stage class lets the JIT
 * inline the chain into one piece of code and remove the boxes in between.
 *
 * <p>A copy is shared by every stage with the same template, function class and next-stage class:
 * their call sites would see the same classes anyway, and rerunning a flow (a new flow object, or
 * a warm worker JVM deserializing the job again) reuses compiled code instead of warming up anew.
 * Copies are held weakly through the function's class, so a notebook's classes can still be
 * unloaded. If a template's bytes cannot be read, the shared class is used: slower, same
 * behaviour.
 */
final class StageClasses {
    private static final Map<Class<?>, byte[]> BYTES = new ConcurrentHashMap<>();
    /** function class → (template, next-stage class) → copy. */
    private static final Map<Class<?>, Map<List<Class<?>>, Class<?>>> COPIES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private StageClasses() {
    }

    /**
     * A new stage of {@code step}: an instance of the copy of {@code template} for
     * {@code function}'s class and {@code next}'s class. {@code template} must be a final class of
     * this package with one constructor taking {@code (step, next, stats, function, more...)}, no
     * nested classes and no lambdas (a copy cannot see them).
     */
    static Stage create(Class<? extends Stage> template, StatelessStep step, ItemSink next, StepStats stats,
            Object function, Object... more) {
        Map<List<Class<?>>, Class<?>> copies = COPIES.computeIfAbsent(function.getClass(),
                c -> new ConcurrentHashMap<>());
        Class<?> type = copies.computeIfAbsent(List.of(template, next.getClass()), k -> copyOf(template));
        Object[] arguments = new Object[4 + more.length];
        arguments[0] = step;
        arguments[1] = next;
        arguments[2] = stats;
        arguments[3] = function;
        System.arraycopy(more, 0, arguments, 4, more.length);
        try {
            return (Stage) type.getDeclaredConstructors()[0].newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the stage of step '" + step.stepId() + "'", e);
        }
    }

    private static Class<?> copyOf(Class<? extends Stage> template) {
        byte[] bytes = BYTES.computeIfAbsent(template, StageClasses::read);
        if (bytes.length == 0) {
            return template;
        }
        try {
            return MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
        } catch (IllegalAccessException | LinkageError e) {
            return template;
        }
    }

    private static byte[] read(Class<?> template) {
        try (InputStream in = template.getResourceAsStream(template.getSimpleName() + ".class")) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
