package dev.rivulet.notebook.internals;

import dev.rivulet.notebook.RichOutput;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import java.util.Map;
import java.util.function.Function;

/**
 * Displays and renderers on basekernel 2.3.0, which both the bundled kernel and IJava are built
 * on: a {@link RichOutput} becomes a {@link DisplayData} with every one of its renderings.
 */
public final class BasekernelOutputs {

    /** The renderings a registered renderer may produce (the kernel asks for these). */
    private static final String[] SUPPORTED = {RichOutput.TEXT, RichOutput.HTML, RichOutput.SVG, RichOutput.PNG,
        RichOutput.MARKDOWN};

    private BasekernelOutputs() {
    }

    /** {@code output} as basekernel display data. */
    public static DisplayData toDisplayData(RichOutput output) {
        DisplayData data = new DisplayData();
        fill(data, output);
        if (output.displayId() != null) {
            data.setDisplayId(output.displayId());
        }
        return data;
    }

    private static void fill(DisplayData data, RichOutput output) {
        for (Map.Entry<String, String> rendering : output.data().entrySet()) {
            data.putData(rendering.getKey(), rendering.getValue());
        }
    }

    /** Shows {@code output} in {@code kernel}, as a new display or an update of its display id. */
    public static void publish(BaseKernel kernel, RichOutput output, boolean update) {
        if (update) {
            kernel.getIO().display.updateDisplay(output.displayId(), toDisplayData(output));
        } else {
            kernel.display(toDisplayData(output));
        }
    }

    /** Registers with {@code renderer} that values of {@code type} show as {@code render}'s output. */
    public static <T> void register(Renderer renderer, Class<T> type, Function<? super T, RichOutput> render) {
        renderer.createRegistration(type)
                .preferring(RichOutput.HTML)
                .supporting(SUPPORTED)
                .register((value, context) -> fill(context.getOutputContainer(), render.apply(value)));
    }
}
