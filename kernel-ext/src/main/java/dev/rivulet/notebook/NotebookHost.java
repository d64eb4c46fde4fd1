package dev.rivulet.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the notebook core needs from a Jupyter kernel, and all that differs between the three
 * kernels Rivulet runs in (the bundled kernel, IJava, JJava): how it evaluates an expression, how
 * it shows and updates displays, how it registers magics and renderers, and where it keeps the
 * class files of cell code. Everything else (magics, live tables, tables, shipping to workers) is
 * kernel-neutral and lives in {@link Notebook}.
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

    /**
     * Evaluates a Java expression in the notebook and returns the live object it denotes. Called
     * by magics on the cell's thread.
     */
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

    /**
     * The loader of cell classes (JShell's {@code REPL.*}), used to read notebook variables when a
     * flow is shipped to worker JVMs. By default the calling thread's context class loader, which
     * is the notebook's while a cell runs.
     */
    default ClassLoader notebookClassLoader() {
        return Thread.currentThread().getContextClassLoader();
    }

    /**
     * The class file of the cell class {@code binaryName} (such as {@code REPL.$JShell$12}), or
     * {@code null} if the kernel does not have it. Called when a flow is shipped to worker JVMs.
     * By default the notebook loader's resource (the bundled kernel's and IJava's loaders serve
     * cell classes as resources; JJava's does not and overrides this).
     */
    default byte[] cellClassBytes(String binaryName) {
        ClassLoader loader = notebookClassLoader();
        if (loader == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * What went wrong when {@link #eval} threw {@code failure}, as the kernel shows it: the
     * compiler's diagnostics for an expression that does not compile, else the exception. Never
     * empty and never just {@code null}.
     */
    default String describeEvalFailure(Exception failure) {
        return failure.getMessage() != null && !failure.getMessage().isBlank() ? failure.getMessage()
                : failure.getClass().getName();
    }

    /**
     * Called on the cell's thread when a run starts; the handle is closed once the run's final
     * state is shown. While it is open, an interrupt of the kernel must reach the cell's thread
     * ({@link Thread#interrupt()}, which cancels the run) and the cell must not end before that
     * thread is done, so the live table's last state ({@code cancelled}) is shown and nothing of the
     * run is left when the next cell starts. The bundled kernel interrupts this way by itself;
     * IJava and JJava need {@link dev.rivulet.notebook.internals.GracefulInterrupts}.
     */
    default InterruptHold holdInterrupts() {
        return () -> { };
    }

    /** What {@link #holdInterrupts()} returns: closing it ends the hold (and throws nothing). */
    @FunctionalInterface
    interface InterruptHold extends AutoCloseable {
        @Override
        void close();
    }

    /** A line magic's body: gets the whitespace-split arguments (quotes group), returns a value. */
    @FunctionalInterface
    interface LineMagicHandler {
        Object run(List<String> args) throws Exception;
    }
}
