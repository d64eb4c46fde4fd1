package dev.rivulet.kernel;

import dev.rivulet.notebook.internals.BasekernelHost;

/**
 * The notebook core's view of the bundled kernel: what differs from IJava is only that it
 * evaluates and registers magics (with their result types, for {@code var t = %run_main flow})
 * directly. Cell classes are resources of its class loader.
 */
final class BundledHost extends BasekernelHost {
    private final RivuletKernel bundled;

    BundledHost(RivuletKernel kernel) {
        super(kernel);
        this.bundled = kernel;
    }

    @Override
    public Object eval(String expression) throws Exception {
        return bundled.evalRaw(expression);
    }

    @Override
    public java.util.Map<String, String> variables() {
        return bundled.variables();
    }

    @Override
    public void registerLineMagic(String name, Class<?> resultType, LineMagicHandler handler) {
        bundled.registerLineMagic(name, resultType, handler::run);
    }

    @Override
    public ClassLoader notebookClassLoader() {
        return bundled.getReplClassLoader();
    }
}
