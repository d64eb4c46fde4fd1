package dev.rivulet.notebook.internals;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import jdk.jshell.JShell;

/**
 * The JShell behind IJava's or JJava's kernel, reached by reflection (JJava 1.0-a6:
 * {@code JavaKernel.getJShell()}; IJava 1.3.0: the private {@code evaluator}'s
 * {@code getShell()}), and what magics read from it.
 */
public final class KernelShells {

    private KernelShells() {
    }

    /** The kernel's JShell, or null when it cannot be found. */
    public static JShell of(Object kernel) {
        try {
            Object shell = kernel.getClass().getMethod("getJShell").invoke(kernel);
            if (shell instanceof JShell jshell) {
                return jshell;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // not JJava: try IJava's layout
        }
        try {
            for (Class<?> type = kernel.getClass(); type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals("evaluator")) {
                        field.setAccessible(true);
                        Object evaluator = field.get(kernel);
                        Object shell = evaluator.getClass().getMethod("getShell").invoke(evaluator);
                        return shell instanceof JShell jshell ? jshell : null;
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
        return null;
    }

    /** The notebook's active variables in {@code shell}, name → declared type (none if shell is null). */
    public static Map<String, String> variables(JShell shell) {
        Map<String, String> variables = new TreeMap<>();
        if (shell != null) {
            shell.variables().filter(v -> shell.status(v).isActive()).forEach(v -> variables.put(v.name(), v.typeName()));
        }
        return variables;
    }
}
