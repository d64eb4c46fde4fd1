package dev.rivulet.notebook;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunCancelledException;
import dev.rivulet.RunOptions;
import dev.rivulet.RunProgress;
import dev.rivulet.RunResult;
import dev.rivulet.chart.Chart;
import dev.rivulet.chart.Charts;
import dev.rivulet.flow.FlowStep;
import dev.rivulet.flow.Operation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * Rivulet in a notebook, kernel-neutral: {@link #install} registers the magics with a kernel,
 * {@link #runMain} is {@code %run_main} as a plain Java call, {@link #lastResult()} returns the
 * table of the last run.
 *
 * <pre>{@code
 * Table counts = Notebook.runMain(flow);                                  // like %run_main flow
 * Table again = Notebook.runMain(flow, RunMainArgs.parse(List.of("--workers", "2", "flow")));
 * }</pre>
 */
public final class Notebook {

    private static volatile NotebookHost host;
    private static volatile Table lastResult;
    private static volatile Map<String, Table> lastTables = Map.of();
    private static final AtomicLong RUNS = new AtomicLong();

    private Notebook() {
    }

    /** Makes {@code kernel} the notebook's host and registers {@code %run_main} with it. */
    public static void install(NotebookHost kernel) {
        host = kernel;
        kernel.registerRenderer(Table.class, TableView::render);
        kernel.registerRenderer(Chart.class, chart -> new RichOutput(null, chart.toString(), null)
                .with(RichOutput.SVG, chart.svg()));
        kernel.registerLineMagic("run_main", Table.class, Notebook::runMainMagic);
        kernel.registerLineMagic("spawn_cluster", Table.class, NotebookClusters::spawnClusterMagic);
        kernel.registerLineMagic("dataflow", Object.class, Notebook::dataflowMagic);
        kernel.registerLineMagic("rivulet_recovery", Object.class, RecoveryHousekeeping::magic);
        kernel.registerLineMagic("cluster_main", Table.class, ClusterMainMagic::magic);
        kernel.registerLineMagic("flink_run", Table.class, FlinkRunMagic::magic);
    }

    /** The kernel Rivulet was installed into, or {@code null} outside a notebook. */
    public static NotebookHost host() {
        return host;
    }

    /** The table returned by the last {@code %run_main} (or {@link #runMain}), or {@code null}. */
    public static Table lastResult() {
        return lastResult;
    }

    /** Every capture step's table of the last run, by step id. */
    public static Map<String, Table> lastTables() {
        return lastTables;
    }

    /** {@code %run_main args}: parses, resolves the expression in the notebook, runs. */
    static Table runMainMagic(List<String> args) throws Exception {
        RunMainArgs parsed = RunMainArgs.parse(args);
        NotebookHost kernel = host;
        if (parsed.help()) {
            kernel.display(RichOutput.text(RunMainArgs.USAGE));
            return null;
        }
        Dataflow flow = MagicExpression.flow("run_main", parsed.expression(), "for example %run_main flow");
        return runMain(flow, parsed);
    }

    /** {@code %dataflow <expr>}: draws the flow as SVG (no JavaScript). */
    static Object dataflowMagic(List<String> args) throws Exception {
        String expression = String.join(" ", args).trim();
        if (expression.isEmpty() || expression.equals("--help") || expression.equals("-h")) {
            host.display(RichOutput.text("usage: %dataflow <expr>\n\nDraws the Dataflow that <expr> denotes."));
            return null;
        }
        Dataflow flow = MagicExpression.flow("dataflow", expression, "for example %dataflow flow");
        // Inline SVG in the HTML rendering: every front end shows it, no JavaScript needed.
        host.display(new RichOutput(null, flow.toString(), dev.rivulet.diagram.FlowDiagram.svg(flow)));
        return null;
    }

    /** Runs {@code flow} with one worker and default options, like {@code %run_main flow}. */
    public static Table runMain(Dataflow flow) {
        return runMain(flow, new RunMainArgs("flow", 1, null, false, null, false));
    }

    /**
     * Runs {@code flow} on the calling thread (with {@code args.workers()} worker threads), shows
     * a live table when a kernel is installed, and returns the first capture step's items as a
     * table ({@link #lastTables()} has all of them). Interrupting the thread cancels the run.
     *
     * @throws NotebookRunException when the run fails or is cancelled, with the step, the item
     *     and the trimmed cause in its message
     */
    public static Table runMain(Dataflow flow, RunMainArgs args) {
        return run(flow, args, args.workers(), Rivulet::run);
    }

    /**
     * How a notebook run is carried out: {@link Rivulet#run} for {@code %run_main}; other magics
     * (a cluster of worker processes, say) pass their own.
     */
    @FunctionalInterface
    public interface FlowRunner {
        RunResult run(Dataflow flow, int workers, RunOptions options);
    }

    /**
     * The body of {@link #runMain(Dataflow, RunMainArgs)} with the execution left to
     * {@code runner}: options from {@code args} (epochs, recovery), the live table (showing
     * {@code totalWorkers}), error reports, and the returned table.
     */
    public static Table run(Dataflow flow, RunMainArgs args, int totalWorkers, FlowRunner runner) {
        return run(flow, args, totalWorkers, 0, runner);
    }

    /**
     * {@link #run(Dataflow, RunMainArgs, int, FlowRunner)} for a run that starts
     * {@code processes} worker JVMs (the live table shows their start-up).
     */
    public static Table run(Dataflow flow, RunMainArgs args, int totalWorkers, int processes, FlowRunner runner) {
        RunOptions options = RunOptions.defaults();
        if (args.epochInterval() != null) {
            // 0 means one item per input partition per epoch, as on the command line.
            options = options.epochs(args.epochInterval().isZero() ? EpochConfig.testing()
                    : EpochConfig.periodic(args.epochInterval()));
        }
        Path recoveryDir = null;
        if (args.recovery()) {
            recoveryDir = args.recoveryDir() != null ? args.recoveryDir() : defaultRecoveryDir(flow.name());
            options = options.recovery(RecoveryConfig.sqlite(recoveryDir));
        }
        List<String> captureSteps = new ArrayList<>();
        Map<String, String> stateOf = new LinkedHashMap<>();
        for (FlowStep step : flow.steps()) {
            if (step.operation() instanceof Operation.Capture) {
                captureSteps.add(step.stepId());
                // a final reduce emits only at the end: meanwhile the table shows its state so far
                FlowStep upstream = flow.steps().get(step.inputs().get(0).step());
                if (upstream.operation() instanceof Operation.ReduceFinal && step.inputs().get(0).port() == 0) {
                    stateOf.put(step.stepId(), upstream.stepId());
                }
            }
        }
        TableConverter.warmUp();
        NotebookHost kernel = host;
        LiveTable live = null;
        if (kernel != null) {
            String id = "rivulet-run-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
            RunProgress progress = new RunProgress().watchState(stateOf.values().toArray(new String[0]));
            live = new LiveTable(new LiveTable.Spec(id, flow.name(), captureSteps, totalWorkers, processes,
                    recoveryDir == null ? null : recoveryDir.toString(), stateOf, args.steps()),
                    progress::snapshot, kernel::display, kernel::updateDisplay);
            int chart = 0;
            for (Map.Entry<String, Function<Table, Chart>> entry : Charts.liveCharts(flow).entrySet()) {
                live.addChart(new LiveChart(id + "-chart-" + (++chart), entry.getKey(), entry.getValue()));
            }
            live.start();
            options = options.onCapture(live).progress(progress);
        }
        RunResult result;
        try (NotebookHost.InterruptHold interrupts = kernel != null ? kernel.holdInterrupts() : null) {
            result = runner.run(flow, args.workers(), options);
        } catch (RunCancelledException e) {
            throw cancelled(flow, live, e);
        } catch (RivuletException | IllegalArgumentException | IllegalStateException e) {
            if (byInterrupt(e)) {
                throw cancelled(flow, live, e);
            }
            String report = NotebookRunException.report(flow.name(), e);
            if (live != null) {
                live.finish(LiveTable.State.FAILED, report);
            }
            throw new NotebookRunException(report, e);
        } catch (RuntimeException | Error e) {
            if (byInterrupt(e)) {
                throw cancelled(flow, live, e);
            }
            if (live != null) {
                live.finish(LiveTable.State.FAILED, String.valueOf(e));
            }
            throw e;
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> entry : result.captured().entrySet()) {
            tables.put(entry.getKey(), TableConverter.toTable(entry.getKey(), entry.getValue()));
        }
        if (live != null) {
            live.finish(LiveTable.State.DONE, null);
        }
        lastTables = Collections.unmodifiableMap(tables);
        Table first = tables.isEmpty() ? Table.create(flow.name()) : tables.values().iterator().next();
        lastResult = first;
        return first;
    }

    /** The report of a run ended by an interrupt (the live table shows it cancelled). */
    private static NotebookRunException cancelled(Dataflow flow, LiveTable live, Throwable e) {
        // Clear the interrupt: publishing the final state (and Tablesaw's class set-up, which
        // scans the class path) must not be cut short by it. The run is over either way.
        Thread.interrupted();
        String report = "run of flow '" + flow.name() + "' cancelled (interrupted)"
                + (live != null ? " after " + live.itemCount() + " items" : "");
        if (live != null) {
            live.finish(LiveTable.State.CANCELLED, report);
        }
        return new NotebookRunException(report, e);
    }

    /**
     * Whether a failed run really ended because the cell was interrupted: the cell's thread is
     * interrupted, or the failure comes from an interrupt that user code caught and wrapped (in a
     * {@code RuntimeException}, say), which is cancelling, not failing.
     */
    static boolean byInterrupt(Throwable failure) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof InterruptedException || t.getClass() == java.io.InterruptedIOException.class
                    || t instanceof java.nio.channels.ClosedByInterruptException || t instanceof RunCancelledException) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code .rivulet/<notebook>/<flow>/} under the working directory; the notebook's name comes
     * from {@code JPY_SESSION_NAME} (set by Jupyter), else it is {@code notebook}.
     */
    public static Path defaultRecoveryDir(String flowName) {
        return Path.of(".rivulet", notebookName(System.getenv("JPY_SESSION_NAME")), safe(flowName));
    }

    /** The notebook's file name without {@code .ipynb}, from a {@code JPY_SESSION_NAME} value. */
    static String notebookName(String sessionName) {
        if (sessionName == null || sessionName.isBlank()) {
            return "notebook";
        }
        String name = sessionName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.endsWith(".ipynb")) {
            name = name.substring(0, name.length() - ".ipynb".length());
        }
        return name.isBlank() ? "notebook" : safe(name);
    }

    /**
     * A flow name as one directory name: other characters become {@code _}, and names made only
     * of dots ({@code .}, {@code ..}) too, so a flow's directory can never be the notebook's
     * recovery root or its parent.
     */
    static String safe(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.chars().allMatch(c -> c == '.') ? safe.replace('.', '_') + "_" : safe;
    }
}
