package dev.rivulet.notebook;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the notebook core needs from a Jupyter kernel: show and update a display, evaluate an
 * expression to a live object, and register a line magic. The bundled kernel, the IJava adapter
 * and the JJava adapter each implement it; everything else (magics, live tables, tables) is
 * kernel-neutral.
 *
 * <pre>{@code
 * Notebook.install(host); // registers %run_main etc. with the kernel behind host
 * }</pre>
 */
public interface NotebookHost {

    /** Publishes a new display ({@code display_data}); its display id is {@code output.displayId()}. */
    void display(RichOutput output);

    /** Replaces the display {@code output.displayId()} ({@code update_display_data}). */
    void updateDisplay(RichOutput output);

    /** Evaluates a Java expression in the notebook and returns the live object it denotes. */
    Object eval(String expression) throws Exception;

    /**
     * The notebook's variables now, name → declared type as written (for "did you mean" when a
     * magic names a variable that does not exist). A kernel that cannot list them returns none.
     */
    default Map<String, String> variables() {
        return Map.of();
    }

    /**
     * Registers a line magic {@code %name}. {@code resultType} is what the magic returns (kernels
     * that can use it give {@code var t = %name ...} that type).
     */
    void registerLineMagic(String name, Class<?> resultType, LineMagicHandler handler);

    /**
     * Makes the kernel show values of {@code type} (as a cell's value, or with
     * {@code display(value)}) with every rendering of {@code renderer}'s output.
     */
    <T> void registerRenderer(Class<T> type, Function<? super T, RichOutput> renderer);

    /** A line magic's body: gets the whitespace-split arguments (quotes group), returns a value. */
    @FunctionalInterface
    interface LineMagicHandler {
        Object run(List<String> args) throws Exception;
    }
}
