package dev.rivulet.notebook.jjava;

import dev.rivulet.notebook.internals.MagicErrorText;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * JJava's error styler, except that a failed Rivulet magic prints as Rivulet's message alone
 * ({@link MagicErrorText}); every other error prints exactly as before. Installed in place of
 * the kernel's {@code errorStyler} (jjava-jupyter's {@code formatError} styles the printed exception
 * through it).
 */
final class JJavaErrorStyler extends StringStyler {
    private final Collection<String> magics;

    private JJavaErrorStyler(StringStyler original, Collection<String> magics) throws ReflectiveOperationException {
        super(style(original, "primaryStyle"), style(original, "secondaryStyle"), style(original, "hlStyle"),
                prefix(original));
        this.magics = magics;
    }

    /** Puts the styler into {@code kernel}; leaves the kernel as it is if its layout differs. */
    static void install(BaseKernel kernel, Collection<String> magics) {
        try {
            Field field = BaseKernel.class.getDeclaredField("errorStyler");
            field.setAccessible(true);
            Object original = field.get(kernel);
            if (original instanceof StringStyler styler && !(original instanceof JJavaErrorStyler)) {
                field.set(kernel, new JJavaErrorStyler(styler, magics));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // JJava's own error output stays
        }
    }

    @Override
    public List<String> secondaryLines(String src) {
        String message = MagicErrorText.rivuletMessage(src, magics);
        return super.secondaryLines(message != null ? message : src);
    }

    private static String style(StringStyler original, String name) throws ReflectiveOperationException {
        Field field = StringStyler.class.getDeclaredField(name);
        field.setAccessible(true);
        return (String) field.get(original);
    }

    @SuppressWarnings("unchecked")
    private static Function<Integer, String> prefix(StringStyler original) throws ReflectiveOperationException {
        Field field = StringStyler.class.getDeclaredField("linePrefix");
        field.setAccessible(true);
        return (Function<Integer, String>) field.get(original);
    }
}
