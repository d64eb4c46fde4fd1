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
        DisplayData data = new DisplayData(output.text());
        if (output.html() != null) {
            data.putHTML(output.html());
        }
        if (output.displayId() != null) {
            data.setDisplayId(output.displayId());
        }
        return data;
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
