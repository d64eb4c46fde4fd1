package dev.rivulet.engine.steps;

import dev.rivulet.engine.Stage;
import dev.rivulet.engine.Step;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each fused step its own copy of its stage class, so that the JIT can inline a whole chain.
 *
 * <p>Why: the JIT inlines a call only where it has seen few receiver classes. With one shared
 * {@code MapStage} class, its {@code fn.apply} and {@code next.push} calls see every map lambda
 * and every following stage of every flow in the JVM, so each item pays a virtual call per step and
 * every intermediate result is boxed on the heap. A copy per step (a hidden class defined from the
 * same bytes) has call sites that only ever see one lambda and one next stage: the JIT inlines the
 * chain into one piece of code and removes the boxes in between.
 *
 * <p>Copies are kept per step object (weakly), so rerunning the same flow in one JVM reuses warm,
 * compiled code. If a template's bytes cannot be read, the shared class is used: slower, same
 * behaviour.
 */
final class StageClasses {
    private static final Map<Class<?>, byte[]> BYTES = new ConcurrentHashMap<>();
    private static final Map<Step, Class<?>> COPIES = Collections.synchronizedMap(new WeakHashMap<>());

    private StageClasses() {
    }

    /**
     * A new stage of {@code template}'s step-specific copy. {@code template} must be a final class
     * of this package with one constructor, no nested classes and no lambdas (a copy cannot see
     * them).
     */
    static Stage create(Class<? extends Stage> template, Step step, Object... arguments) {
        Class<?> type = COPIES.computeIfAbsent(step, s -> copyOf(template));
        try {
            Constructor<?> constructor = type.getDeclaredConstructors()[0];
            return (Stage) constructor.newInstance(arguments);
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
