package dev.rivulet.kernel;

import dev.rivulet.notebook.NotebookHost;
import dev.rivulet.notebook.RichOutput;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/** The notebook core's view of the bundled kernel. */
final class BundledHost implements NotebookHost {
    private final RivuletKernel kernel;

    BundledHost(RivuletKernel kernel) {
        this.kernel = kernel;
    }

    static DisplayData toDisplayData(RichOutput output) {
        DisplayData data = new DisplayData();
        fill(data, output);
        if (output.displayId() != null) {
            data.setDisplayId(output.displayId());
        }
        return data;
    }

    private static void fill(DisplayData data, RichOutput output) {
        for (java.util.Map.Entry<String, String> rendering : output.data().entrySet()) {
            data.putData(rendering.getKey(), rendering.getValue());
        }
    }

    @Override
    public <T> void registerRenderer(Class<T> type, java.util.function.Function<? super T, RichOutput> renderer) {
        kernel.getRenderer().createRegistration(type)
                .preferring("text/html")
                .supporting("text/plain", "text/html", "image/svg+xml", "image/png", "text/markdown")
                .register((value, context) -> fill(context.getOutputContainer(), renderer.apply(value)));
    }

    @Override
    public void display(RichOutput output) {
        kernel.display(toDisplayData(output));
    }

    @Override
    public void updateDisplay(RichOutput output) {
        kernel.getIO().display.updateDisplay(output.displayId(), toDisplayData(output));
    }

    @Override
    public Object eval(String expression) throws Exception {
        return kernel.evalRaw(expression);
    }

    @Override
    public void registerLineMagic(String name, Class<?> resultType, LineMagicHandler handler) {
        kernel.registerLineMagic(name, resultType, handler::run);
    }
}
