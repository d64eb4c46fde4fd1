package dev.rivulet.notebook.jjava;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.notebook.TestFlows;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The JJava adapter against jjava-jupyter 1.0-a6. */
class JJavaExtensionTest {

    static class MinimalJJavaKernel extends BaseKernel {
        final List<DisplayData> displayed = new CopyOnWriteArrayList<>();

        MinimalJJavaKernel() {
            super("test", "1", new LanguageInfo("java", "17", "text/x-java", ".java", "java", "java", "java"),
                    List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                    new MagicParser("^\\s*%", "%%", new MagicTranspiler()), new MagicsRegistry(), false,
                    new StringStyler("", "", "", i -> ""));
        }

        @Override
        public Object evalRaw(String expression) {
            return expression.equals("flow") ? TestFlows.wordCount() : null;
        }

        @Override
        public void display(DisplayData data) {
            displayed.add(data);
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extra) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_YES;
        }
    }

    @Test
    void theExtensionIsAServiceJJavaLoadsByItself() {
        assertThat(ServiceLoader.load(Extension.class).stream().map(p -> (Object) p.type()))
                .contains(JJavaExtension.class);
    }

    @Test
    void installingRegistersRunMainWhichReturnsTheTable() throws Exception {
        MinimalJJavaKernel kernel = new MinimalJJavaKernel();
        new JJavaExtension().install(kernel);

        assertThat(kernel.getMagicsRegistry().getLineMagicNames()).contains("run_main");
        Table table = kernel.getMagicsRegistry().evalLineMagic(kernel, "run_main", List.of("--workers", "2", "flow"));
        assertThat(table.columnNames()).containsExactly("key", "value");
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(kernel.displayed).hasSize(1);
        assertThat(kernel.displayed.get(0).getDisplayId()).startsWith("rivulet-run-");
    }

    @Test
    void aFailedMagicPrintsAsRivuletsMessageWithoutJJavasFrames() {
        MinimalJJavaKernel kernel = new MinimalJJavaKernel();
        new JJavaExtension().install(kernel);
        Exception failure = null;
        try {
            kernel.getMagicsRegistry().evalLineMagic(kernel, "run_main", List.of("--workers", "zero", "flow"));
        } catch (Exception e) {
            failure = e;
        }
        // what JJava's CodeEvaluator makes of the magic's failure in a cell
        RuntimeException inCell = new RuntimeException("java.lang.RuntimeException, Exception occurred while running"
                + " line magic 'run_main': " + failure.getMessage(), failure);

        String shown = String.join("\n", kernel.formatError(inCell));
        assertThat(shown).contains("%run_main: --workers needs a whole number of at least 1, got 'zero'")
                .contains("usage: %run_main").doesNotContain("\tat ").doesNotContain("while running line magic");
        assertThat(String.join("\n", kernel.formatError(new IllegalStateException("user code"))))
                .contains("java.lang.IllegalStateException: user code").contains("\tat ");
    }
}
