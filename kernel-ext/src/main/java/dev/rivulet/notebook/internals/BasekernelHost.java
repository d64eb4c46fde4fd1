package dev.rivulet.notebook.internals;

import dev.rivulet.notebook.NotebookHost;
import dev.rivulet.notebook.RichOutput;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import java.util.function.Function;

/**
 * The part of {@link NotebookHost} that is the same for every kernel built on basekernel 2.3.0
 * (the bundled kernel and IJava): displays, renderers, and error text from the kernel's own
 * {@code formatError}. Subclasses add how they evaluate and register magics.
 */
public abstract class BasekernelHost implements NotebookHost {

    /** The kernel; set once at construction. */
    protected final BaseKernel kernel;

    protected BasekernelHost(BaseKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public <T> void registerRenderer(Class<T> type, Function<? super T, RichOutput> renderer) {
        BasekernelOutputs.register(kernel.getRenderer(), type, renderer);
    }

    @Override
    public void display(RichOutput output) {
        BasekernelOutputs.publish(kernel, output, false);
    }

    @Override
    public void updateDisplay(RichOutput output) {
        BasekernelOutputs.publish(kernel, output, true);
    }

    /** The kernel's own rendering of the failure (compiler diagnostics for a compile error). */
    @Override
    public String describeEvalFailure(Exception failure) {
        return HostErrors.describe(failure, () -> kernel.formatError(failure));
    }
}
