package dev.rivulet.notebook.jjava;

import dev.rivulet.notebook.Notebook;
import dev.rivulet.notebook.NotebookHost;
import dev.rivulet.notebook.RichOutput;
import dev.rivulet.notebook.internals.GracefulInterrupts;
import dev.rivulet.notebook.internals.KernelShells;
import dev.rivulet.notebook.internals.HostErrors;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Rivulet inside JJava: listed in {@code META-INF/services/org.dflib.jjava.jupyter.Extension},
 * so JJava installs it by itself when this jar is on {@code JJAVA_CLASSPATH} or added with
 * {@code %jars}/{@code %maven}. Nothing to call from the notebook.
 */
public final class JJavaExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        Notebook.install(new Host(kernel));
    }

    /**
     * The notebook core's view of a JJava kernel. What differs from basekernel kernels: JJava's own
     * display types, {@code evalRaw} called reflectively (deprecated after 1.0-a6), and cell
     * classes read from its loader delegate ({@link JJavaCellClasses}), because JJava's class
     * loader does not serve them as resources.
     */
    static final class Host implements NotebookHost {
        /** How long an interrupted run may take to stop and show its final state before JJava ends the cell. */
        private static final java.time.Duration INTERRUPT_GRACE = java.time.Duration.ofSeconds(20);
        private final BaseKernel kernel;
        private final JJavaCellClasses cellClasses;
        /** Rivulet's magics, whose failures print as Rivulet's message alone ({@link JJavaErrorStyler}). */
        private final Set<String> magicNames = ConcurrentHashMap.newKeySet();

        Host(BaseKernel kernel) {
            this.kernel = kernel;
            this.cellClasses = new JJavaCellClasses(() -> JJavaCellClasses.notebookLoaderOf(kernel));
            cellClasses.follow(kernel);
            JJavaErrorStyler.install(kernel, magicNames);
        }

        private static DisplayData toDisplayData(RichOutput output) {
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

        @Override
        public <T> void registerRenderer(Class<T> type, Function<? super T, RichOutput> renderer) {
            kernel.getRenderer().createRegistration(type)
                    .preferring(RichOutput.HTML)
                    .supporting(RichOutput.TEXT, RichOutput.HTML, RichOutput.SVG, RichOutput.PNG, RichOutput.MARKDOWN)
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

        /** {@code evalRaw} is public in 1.0-a6 but deprecated after it: called reflectively. */
        @Override
        public Object eval(String expression) throws Exception {
            Method evalRaw;
            try {
                evalRaw = kernel.getClass().getMethod("evalRaw", String.class);
            } catch (NoSuchMethodException e) {
                throw new UnsupportedOperationException("this JJava version has no evalRaw(String); "
                        + "call Notebook.runMain(flow) from Java instead of %run_main", e);
            }
            try {
                return evalRaw.invoke(kernel, expression);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        /** IJava/JJava end a cell at once on interrupt; the run needs its thread to finish first. */
        @Override
        public InterruptHold holdInterrupts() {
            return GracefulInterrupts.hold(kernel, Thread.currentThread(), INTERRUPT_GRACE);
        }

        /** For "did you mean" when a magic names a variable that does not exist. */
        @Override
        public java.util.Map<String, String> variables() {
            return KernelShells.variables(KernelShells.of(kernel));
        }

        @Override
        public void registerLineMagic(String name, Class<?> resultType, LineMagicHandler handler) {
            kernel.getMagicsRegistry().registerLineMagic(name, (k, args) -> handler.run(args));
            magicNames.add(name);
        }

        @Override
        public ClassLoader notebookClassLoader() {
            ClassLoader loader = cellClasses.loader();
            return loader != null ? loader : Thread.currentThread().getContextClassLoader();
        }

        @Override
        public byte[] cellClassBytes(String binaryName) {
            byte[] bytes = cellClasses.bytes(binaryName);
            return bytes != null ? bytes : NotebookHost.super.cellClassBytes(binaryName);
        }

        /** JJava's {@code formatError} has the compiler's diagnostics; the exception's message does not. */
        @Override
        public String describeEvalFailure(Exception failure) {
            return HostErrors.describe(failure, () -> kernel.formatError(failure));
        }
    }
}
