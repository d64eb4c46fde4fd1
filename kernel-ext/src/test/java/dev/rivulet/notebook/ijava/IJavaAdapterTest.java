package dev.rivulet.notebook.ijava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.notebook.Notebook;
import dev.rivulet.notebook.TestFlows;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The IJava adapter against basekernel 2.3.0, with a kernel shaped like IJava's JavaKernel. */
class IJavaAdapterTest {

    /** Like IJava's JavaKernel: getMagics() and evalRaw(String) exist, but not on BaseKernel. */
    public static final class IJavaLikeKernel extends BaseKernel {
        final Magics magics = new Magics();
        final Map<String, Object> variables = Map.of("flow", TestFlows.wordCount(), "n", 42);
        final List<DisplayData> displayed = new CopyOnWriteArrayList<>();

        public Magics getMagics() {
            return magics;
        }

        public Object evalRaw(String expression) {
            if (!variables.containsKey(expression)) {
                throw new IllegalArgumentException("cannot find symbol " + expression);
            }
            return variables.get(expression);
        }

        @Override
        public void display(DisplayData data) {
            displayed.add(data);
        }

        @Override
        public DisplayData eval(String code) {
            return null;
        }

        @Override
        public LanguageInfo getLanguageInfo() {
            return new LanguageInfo.Builder("Java").build();
        }
    }

    @Test
    void registersRunMainWhichResolvesTheFlowAndReturnsItsTable() throws Exception {
        IJavaLikeKernel kernel = new IJavaLikeKernel();
        IJavaAdapter.register(kernel);

        Table table = kernel.getMagics().applyLineMagic("run_main", List.of("flow"));

        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(Notebook.lastResult()).isSameAs(table);
        assertThat(kernel.displayed).hasSize(1);
        DisplayData live = kernel.displayed.get(0);
        assertThat(live.getDisplayId()).startsWith("rivulet-run-");
        assertThat((String) live.getData(MIMEType.TEXT_PLAIN)).startsWith("wc: running");
        assertThat((String) live.getData(MIMEType.TEXT_HTML)).contains("class=\"rivulet-live\"").contains("no items yet");
    }

    @Test
    void errorsOfTheNotebookExpressionAreReported() throws Exception {
        IJavaLikeKernel kernel = new IJavaLikeKernel();
        IJavaAdapter.register(kernel);

        assertThatThrownBy(() -> kernel.getMagics().applyLineMagic("run_main", List.of("nope")))
                .hasMessageContaining("there is no variable `nope` in the notebook");
        assertThatThrownBy(() -> kernel.getMagics().applyLineMagic("run_main", List.of("n")))
                .hasMessageContaining("'n' is a java.lang.Integer, not a Dataflow");
    }

    @Test
    void aFailedMagicPrintsAsRivuletsMessageWithoutIJavasFramesAndOtherErrorsAsBefore() throws Exception {
        IJavaLikeKernel kernel = new IJavaLikeKernel();
        IJavaAdapter.register(kernel);
        Exception failure = null;
        try {
            kernel.getMagics().applyLineMagic("run_main", List.of("n"));
        } catch (Exception e) {
            failure = e;
        }
        // what IJava's runtime Magics.lineMagic makes of it inside the cell
        RuntimeException inCell = new RuntimeException("Exception occurred while running line magic 'run_main': "
                + failure.getMessage(), failure);

        String shown = String.join("\n", kernel.formatError(inCell));
        assertThat(shown).contains("%run_main: 'n' is a java.lang.Integer, not a Dataflow")
                .doesNotContain("\tat ").doesNotContain("Exception occurred while running line magic");

        String other = String.join("\n", kernel.formatError(new IllegalStateException("user code")));
        assertThat(other).contains("java.lang.IllegalStateException: user code").contains("\tat ");
    }

    @Test
    void somethingThatIsNotAnIJavaKernelIsRefused() {
        assertThatThrownBy(() -> IJavaAdapter.register("kernel")).hasMessageContaining("not an IJava kernel");
    }
}
