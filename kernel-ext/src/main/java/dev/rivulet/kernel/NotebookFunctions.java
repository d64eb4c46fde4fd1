package dev.rivulet.kernel;

import dev.rivulet.notebook.Notebook;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.List;
import java.util.UUID;
import tech.tablesaw.api.Table;

/**
 * The notebook's top-level functions in the "Java (Rivulet)" kernel (statically imported before
 * the first cell): {@code display(...)}, {@code updateDisplay(...)}, {@code getKernelInstance()},
 * {@code lastResult()}, and the calls that magic syntax is rewritten into.
 *
 * <pre>{@code
 * String id = display("starting");
 * updateDisplay(id, "done");
 * Table t = lastResult();
 * }</pre>
 */
public final class NotebookFunctions {

    private static volatile RivuletKernel kernel;

    private NotebookFunctions() {
    }

    static void bind(RivuletKernel k) {
        kernel = k;
    }

    /** The running kernel (a basekernel {@link BaseKernel}). */
    public static BaseKernel getKernelInstance() {
        return kernel;
    }

    /** The id {@link #display} returned last: a cell ending in {@code display(x)} does not show it. */
    private static volatile String lastDisplayId;

    /**
     * Shows {@code value} with the kernel's renderers as a new display; returns its display id
     * (for {@link #updateDisplay}). A cell whose value is that id shows nothing more.
     */
    public static String display(Object value) {
        DisplayData data = value instanceof DisplayData dd ? dd : kernel.getRenderer().render(value);
        String id = data.hasDisplayId() ? data.getDisplayId() : UUID.randomUUID().toString();
        DisplayData shown = new DisplayData(data);
        shown.setDisplayId(id);
        kernel.display(shown);
        lastDisplayId = id;
        return id;
    }

    /** Whether {@code value} is the very id the last {@link #display} call returned (not an equal string). */
    static boolean isLastDisplayId(Object value) {
        return value != null && value == lastDisplayId;
    }

    /** Replaces the display {@code id} with {@code value}. */
    public static void updateDisplay(String id, Object value) {
        DisplayData data = value instanceof DisplayData dd ? dd : kernel.getRenderer().render(value);
        kernel.getIO().display.updateDisplay(id, data);
    }

    /** The table of the last {@code %run_main}. */
    public static Table lastResult() {
        return Notebook.lastResult();
    }

    /** Runs line magic {@code name}; what {@code var x = %name args} is rewritten into. */
    @SuppressWarnings("unchecked")
    public static <T> T lineMagic(String name, List<String> args) throws Exception {
        return (T) kernel.getMagics().applyLineMagic(name, args);
    }

    /** Runs line magic {@code name} for its effect; what {@code %name args} is rewritten into. */
    public static void lineMagicStatement(String name, List<String> args) throws Exception {
        kernel.getMagics().applyLineMagic(name, args);
    }

    /** Runs cell magic {@code name}; what a {@code %%name args} cell is rewritten into. */
    @SuppressWarnings("unchecked")
    public static <T> T cellMagic(String name, List<String> args, String body) throws Exception {
        return (T) kernel.getMagics().applyCellMagic(name, args, body);
    }

    /** Runs cell magic {@code name} for its effect. */
    public static void cellMagicStatement(String name, List<String> args, String body) throws Exception {
        kernel.getMagics().applyCellMagic(name, args, body);
    }
}
