package dev.rivulet.kernel;

import dev.rivulet.notebook.MagicUsageException;
import dev.rivulet.notebook.Notebook;
import dev.rivulet.notebook.NotebookClusters;
import dev.rivulet.notebook.NotebookRunException;
import dev.rivulet.notebook.RichOutput;
import dev.rivulet.notebook.TableConverter;
import dev.rivulet.notebook.TableView;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.common.DisplayMagics;
import io.github.spencerpark.jupyter.kernel.magic.common.Load;
import io.github.spencerpark.jupyter.kernel.magic.common.Shell;
import io.github.spencerpark.jupyter.kernel.magic.common.WriteFile;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.SourceCodeAnalysis;
import tech.tablesaw.api.Table;

/**
 * The bundled "Java (Rivulet)" kernel: an IJava-compatible JShell kernel on basekernel 2.3.0.
 * Cells run in this JVM (magics reach live objects), snippet by snippet; the last expression's
 * value is rendered; magic syntax ({@code %name args}, {@code var t = %name args},
 * {@code %%name}) works as in IJava; Rivulet, Tablesaw and the magics are ready before the first
 * cell.
 */
public final class RivuletKernel extends BaseKernel {

    /** Imported before the first cell. */
    static final List<String> STARTUP_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*", "java.time.*",
            "java.nio.file.*", "java.io.*", "java.math.*",
            "dev.rivulet.*", "dev.rivulet.io.*", "dev.rivulet.window.*", "tech.tablesaw.api.*",
            "dev.rivulet.notebook.Notebook", "dev.rivulet.chart.*");

    /**
     * Started on a background thread: creating JShell, compiling the start-up imports and warming
     * Tablesaw up take seconds, and the kernel must answer {@code kernel_info} (so Jupyter shows it
     * {@code idle}) within a second of starting. Everything that needs JShell waits for it.
     */
    private final CompletableFuture<JShellSession> starting;
    private final Magics magics = new Magics();
    private final Map<String, Class<?>> magicResultTypes = new ConcurrentHashMap<>();
    private final Map<String, String> magicNames = new TreeMap<>();
    private final MagicTranspiler transpiler = new MagicTranspiler(magicResultTypes::get);

    /** A kernel with a fresh JShell, Rivulet imported and the magics registered. */
    public RivuletKernel() {
        this(RivuletKernel::startSession);
    }

    /** A kernel whose JShell comes from {@code startUp}, run on a background thread (tests hold it). */
    RivuletKernel(java.util.function.Supplier<JShellSession> startUp) {
        starting = CompletableFuture.supplyAsync(startUp, runnable -> {
            Thread thread = new Thread(runnable, "rivulet-kernel-start");
            thread.setDaemon(true);
            thread.start();
        });
        NotebookFunctions.bind(this);
        getRenderer().createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    RichOutput out = TableView.render(table);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, out::text);
                    context.renderIfRequested(MIMEType.TEXT_HTML, out::html);
                });
        ClasspathMagics.register(this);
        // basekernel's common magics, as in IJava: %load, %sh, %%writefile, %%html, %%markdown, …
        magics.registerMagics(new DisplayMagics(getRenderer(), getIO().display));
        magics.registerMagics(Shell.class);
        magics.registerMagics(WriteFile.class);
        magics.registerMagics(new Load(List.of(".jsh", ".jshell", ".java", ".ijava"), this::eval));
        magicNames.put("load", "%load");
        magicNames.put("sh", "%sh");
        Notebook.install(new BundledHost(this));
    }

    /** JShell with Rivulet imported (the slow part of starting). */
    static JShellSession startSession() {
        TableConverter.warmUp();
        JShellSession session = new JShellSession(RivuletKernel.class.getClassLoader(), List.of());
        try {
            session.evalCell("import static dev.rivulet.kernel.NotebookFunctions.*;\n"
                    + String.join("\n", STARTUP_IMPORTS.stream().map(i -> "import " + i + ";").toList()));
        } catch (CompilationException | CellFailure e) {
            throw new IllegalStateException("the kernel's start-up imports failed: " + e.getMessage(), e);
        }
        return session;
    }

    /**
     * Does once what a kernel's first minutes do (start JShell, compile a cell that builds and
     * runs a small flow, render its table), so that {@code KernelArchive} can record the classes
     * loaded into a class-data archive that later kernel starts map instead of loading.
     */
    static void warmUp() throws Exception {
        RivuletKernel kernel = new RivuletKernel();
        kernel.eval("var warmUp = new Dataflow(\"warm-up\");\n"
                + "warmUp.input(\"numbers\", Sources.range(0, 100))\n"
                + "    .keyBy(\"parity\", n -> n % 2 == 0 ? \"even\" : \"odd\")\n"
                + "    .reduce(\"sum\", Long::sum)\n"
                + "    .capture(\"sums\");");
        Object table = kernel.evalRaw("dev.rivulet.notebook.TableConverter.toTable(\"sums\", Rivulet.runMain(warmUp).captured(\"sums\"))");
        kernel.getRenderer().render(table);
    }

    /** The notebook's JShell, once started (waits for the start-up if it is still going on). */
    private JShellSession session() {
        try {
            return starting.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The magics registry (IJava's {@code JavaKernel.getMagics()} equivalent). */
    public Magics getMagics() {
        return magics;
    }

    /** Registers line magic {@code %name}, whose result has type {@code resultType}. */
    public void registerLineMagic(String name, Class<?> resultType, LineMagicFunction<?> function) {
        magics.registerLineMagic(name, function);
        magicResultTypes.put(name, resultType);
        magicNames.put(name, "%" + name);
    }

    /** The class loader of notebook code (cell classes, {@code %jars}). */
    public ReplClassLoader getReplClassLoader() {
        return session().classLoader();
    }

    /** The notebook's active variables, name → declared type (the newest definition of each name). */
    public Map<String, String> variables() {
        Map<String, String> variables = new TreeMap<>();
        jdk.jshell.JShell shell = session().shell();
        shell.variables().filter(v -> shell.status(v).isActive())
                .forEach(v -> variables.put(v.name(), v.typeName()));
        return variables;
    }

    /** Adds a jar or directory (or several, path-separator separated) to the notebook's class path. */
    public void addToClasspath(String path) {
        session().addToClasspath(path);
    }

    /**
     * Evaluates a Java expression and returns its live value (IJava's {@code evalRaw}); magics
     * use it to resolve {@code %run_main flow}.
     */
    public Object evalRaw(String expression) throws Exception {
        try {
            return session().evalExpression(expression);
        } catch (CellFailure failure) {
            throw failure.getCause() instanceof Exception e ? e : failure;
        }
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        Object value;
        try {
            value = session().evalCell(transpiler.transpile(code));
        } catch (CellFailure failure) {
            throw failure.getCause() instanceof Exception e ? e : failure;
        }
        if (value == JShellSession.NO_VALUE || value == null || NotebookFunctions.isLastDisplayId(value)) {
            return null; // display(x) as a cell's last statement shows x, not also its id
        }
        return value instanceof DisplayData data ? data : getRenderer().render(value);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<SourceCodeAnalysis.Documentation> docs =
                session().shell().sourceCodeAnalysis().documentation(code, at, true);
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            text.append(doc.signature()).append('\n');
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text.append(doc.javadoc().strip()).append('\n');
            }
            text.append('\n');
        }
        return new DisplayData(text.toString().strip());
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                session().shell().sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        List<String> options = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            if (!options.contains(s.continuation())) {
                options.add(s.continuation());
            }
        }
        return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        String remaining = transpiler.transpile(code);
        SourceCodeAnalysis analysis = session().shell().sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return IS_COMPLETE_YES;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "    ";
                case UNKNOWN:
                    return IS_COMPLETE_BAD;
                default:
                    remaining = info.remaining();
            }
        }
        return IS_COMPLETE_YES;
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("Java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " with Rivulet — magics: " + String.join(" ", magicNames.values());
    }

    /** Whether a cell is running (for tests: an interrupt before that is a no-op). */
    boolean isCellRunning() {
        return starting.isDone() && !starting.isCompletedExceptionally() && session().isCellRunning();
    }

    @Override
    public void interrupt() {
        if (starting.isDone() && !starting.isCompletedExceptionally()) {
            session().interrupt(); // before the start-up finished no cell can be running
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        // Warm worker JVMs would also exit when this JVM does (their stdin closes); ending them
        // here makes a restart start from a clean slate at once.
        NotebookClusters.closeAll();
        starting.thenAccept(JShellSession::close);
    }

    @Override
    public List<String> formatError(Exception e) {
        return ErrorFormatter.format(e, magicNames.values());
    }
}
