package dev.rivulet.notebook.ijava;

import dev.rivulet.notebook.Notebook;
import dev.rivulet.notebook.NotebookHost;
import dev.rivulet.notebook.internals.BasekernelHost;
import dev.rivulet.notebook.internals.GracefulInterrupts;
import dev.rivulet.notebook.internals.KernelShells;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rivulet inside a user's own IJava kernel (compiled against basekernel 2.3.0, which IJava is
 * built on). What differs from the bundled kernel: IJava's {@code getMagics()} and
 * {@code evalRaw(String)} are not on {@link BaseKernel}, so they are called by reflection.
 * Displays, renderers and error text are basekernel's; IJava's loader serves cell classes as
 * resources. Register from a notebook cell or an IJava start-up script:
 *
 * <pre>{@code
 * %jars /home/me/.local/share/rivulet/extension/*.jar
 * dev.rivulet.notebook.ijava.IJavaAdapter.register(getKernelInstance());
 * }</pre>
 *
 * <p>In IJava, {@code var t = %run_main flow} gives {@code t} the static type {@code Object}
 * (IJava decides the rewriting); write {@code Table t = %run_main flow}.
 */
public final class IJavaAdapter extends BasekernelHost {
    /** How long an interrupted run may take to stop and show its final state before IJava ends the cell. */
    private static final java.time.Duration INTERRUPT_GRACE = java.time.Duration.ofSeconds(20);

    private final Magics magics;
    private final Method evalRaw;
    /** Rivulet's magics, whose failures print as Rivulet's message alone ({@link IJavaErrorStyler}). */
    private final Set<String> magicNames = ConcurrentHashMap.newKeySet();

    private IJavaAdapter(BaseKernel kernel, Magics magics, Method evalRaw) {
        super(kernel);
        this.magics = magics;
        this.evalRaw = evalRaw;
    }

    /**
     * Registers Rivulet's magics with {@code kernel} (the value of {@code getKernelInstance()} in
     * IJava) and returns the host. Takes {@code Object} so start-up scripts can call it by
     * reflection without naming basekernel types.
     */
    public static NotebookHost register(Object kernel) throws ReflectiveOperationException {
        if (!(kernel instanceof BaseKernel base)) {
            throw new IllegalArgumentException("not an IJava kernel: " + kernel
                    + " (expected the value of getKernelInstance() in an IJava notebook)");
        }
        Method getMagics = base.getClass().getMethod("getMagics");
        Method evalRaw = base.getClass().getMethod("evalRaw", String.class);
        IJavaAdapter host = new IJavaAdapter(base, (Magics) getMagics.invoke(base), evalRaw);
        Notebook.install(host);
        IJavaErrorStyler.install(base, host.magicNames);
        return host;
    }

    @Override
    public Object eval(String expression) throws Exception {
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
        magics.registerLineMagic(name, handler::run);
        magicNames.add(name);
    }
}
