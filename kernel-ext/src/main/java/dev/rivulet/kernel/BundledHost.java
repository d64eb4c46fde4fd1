package dev.rivulet.kernel;

import dev.rivulet.notebook.NotebookHost;
import dev.rivulet.notebook.RichOutput;
import dev.rivulet.notebook.internals.BasekernelOutputs;

/** The notebook core's view of the bundled kernel. */
final class BundledHost implements NotebookHost {
    private final RivuletKernel kernel;

    BundledHost(RivuletKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public <T> void registerRenderer(Class<T> type, java.util.function.Function<? super T, RichOutput> renderer) {
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

    @Override
    public Object eval(String expression) throws Exception {
        return kernel.evalRaw(expression);
    }

    @Override
    public java.util.Map<String, String> variables() {
        return kernel.variables();
    }

    @Override
    public void registerLineMagic(String name, Class<?> resultType, LineMagicHandler handler) {
        kernel.registerLineMagic(name, resultType, handler::run);
    }
}
