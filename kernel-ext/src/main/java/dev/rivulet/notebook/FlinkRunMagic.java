package dev.rivulet.notebook;

import dev.rivulet.Dataflow;
import dev.rivulet.RivuletException;
import dev.rivulet.RunResult;
import dev.rivulet.flow.FlowRunner;
import dev.rivulet.shipping.JobPackage;
import dev.rivulet.shipping.JobPacker;
import dev.rivulet.shipping.ShippedJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * {@code %flink_run [--master host:port] [-p N] [--epoch-interval S] [--recovery[=DIR]] <expr>}:
 * runs a notebook flow on Apache Flink (the kernel's in-process mini cluster, or the cluster whose
 * REST endpoint is {@code --master}) with the same live table and returned table as
 * {@code %run_main}. The flow is packed as for {@code %spawn_cluster} ({@link JobPacker}) and its
 * cell classes and variables travel in the job jar ({@link ShippedJar}), so Flink's user-code class
 * loader on each TaskManager loads them and the runner restores the variables before functions run.
 * The Flink runner is found with {@link FlowRunner#named} (rivulet-flink on the kernel's class path).
 *
 * <pre>{@code
 * var t = %flink_run -p 2 flow
 * }</pre>
 */
public final class FlinkRunMagic {

    static final String USAGE = String.join("\n",
            "usage: %flink_run [--master host:port] [-p N] [--epoch-interval S] [--recovery[=DIR]] [--steps] <expr>",
            "",
            "Runs the Dataflow <expr> on Apache Flink: in this kernel's Flink mini cluster, or on the",
            "cluster whose JobManager REST endpoint is host:port. Shows the captured items as a live",
            "table and returns them as a Table, as %run_main does. The notebook's classes and the",
            "variables the flow's functions read are shipped to the cluster in the job jar.",
            "",
            "  -m, --master HOST:PORT  a Flink cluster's REST endpoint (default: the mini cluster)",
            "  -p, --parallelism N     Flink parallelism, Rivulet's worker count (default 1)",
            "  (--epoch-interval, --recovery and --steps as for %run_main; epochs are checkpoints)");

    private FlinkRunMagic() {
    }

    /**
     * The parsed arguments: where, with what parallelism, and {@code %run_main}'s options and
     * expression ({@code run.help()} for {@code --help}).
     */
    record Args(String master, int parallelism, RunMainArgs run) {
    }

    static Table magic(List<String> args) throws Exception {
        Args parsed = parse(args);
        if (parsed.run().help()) {
            Notebook.host().display(RichOutput.text(USAGE));
            return null;
        }
        Dataflow flow = MagicExpression.flow("flink_run", parsed.run().expression(), "for example %flink_run -p 2 flow");
        return flinkRun(flow, parsed.run(), parsed.master(), parsed.parallelism());
    }

    /** Parses {@code %flink_run}'s arguments; values attached ({@code -p2}), after {@code =}, or next. */
    static Args parse(List<String> args) {
        String master = null;
        int parallelism = 1;
        List<String> rest = new ArrayList<>();
        int i = 0;
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("--")) {
                break;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            if (!arg.startsWith("--") && arg.length() > 2 && value == null) {
                name = arg.substring(0, 2); // -p2, as everywhere else
                value = arg.substring(2);
            }
            switch (name) {
                case "-m", "--master", "-p", "--parallelism" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw usage(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (name.equals("-m") || name.equals("--master")) {
                        master = value;
                    } else {
                        parallelism = parallelism(value);
                    }
                }
                case "-h", "--help" -> {
                    return new Args(master, parallelism, new RunMainArgs(null, 1, null, false, null, true));
                }
                case "-w", "--workers" -> throw usage("Flink's workers are its parallelism: use -p N");
                default -> {
                    rest.add(arg); // %run_main's options, parsed below
                    if (arg.equals("--epoch-interval") && i + 1 < args.size()) {
                        rest.add(args.get(++i));
                    }
                }
            }
        }
        rest.addAll(args.subList(i, args.size()));
        RunMainArgs run;
        try {
            run = RunMainArgs.parse(rest);
        } catch (MagicUsageException e) {
            String problem = e.getMessage().replace("%run_main: ", "");
            int cut = problem.indexOf("\n\n");
            throw usage((cut >= 0 ? problem.substring(0, cut) : problem).replace("%run_main", "%flink_run"));
        }
        return new Args(master, parallelism, run);
    }

    /**
     * Runs {@code flow} on Flink ({@code master} {@code null}: the mini cluster) with
     * {@code parallelism}, shipping its notebook classes and variables in a temporary job jar.
     *
     * @throws NotebookRunException when the flow cannot be shipped (naming the step and the
     *     variable or class) or the run fails
     */
    public static Table flinkRun(Dataflow flow, RunMainArgs args, String master, int parallelism) {
        NotebookHost host = Notebook.host();
        ClassLoader notebook = host != null ? host.notebookClassLoader() : Thread.currentThread().getContextClassLoader();
        FlowRunner flink;
        JobPackage job;
        try {
            flink = FlowRunner.named("flink");
            job = JobPacker.pack(flow, notebook, host != null ? host::cellClassBytes : JobPacker.resourceBytes(notebook));
        } catch (RivuletException e) { // a ShippingException, or no Flink runner on the class path
            // The message is the whole story; the packer's frames would only hide it.
            throw new NotebookRunException("%flink_run " + flow.name() + ": " + e.getMessage(), e);
        }
        Path jar;
        try {
            jar = ShippedJar.write(job, Files.createTempFile("rivulet-notebook-" + Notebook.safe(flow.name()) + "-", ".jar"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job jar for flow '" + flow.name() + "'", e);
        }
        try {
            return Notebook.run(flow, args, parallelism, (f, workers, options) -> {
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                // captured items come back as the notebook's own classes
                thread.setContextClassLoader(notebook);
                try {
                    RunResult result = flink.run(f, new FlowRunner.Settings(parallelism, options, master, null,
                            List.of(jar)));
                    return result;
                } finally {
                    thread.setContextClassLoader(previous);
                }
            });
        } finally {
            try {
                Files.deleteIfExists(jar);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp directory
            }
        }
    }

    private static int parallelism(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw usage("-p needs a whole number of at least 1, got '" + value + "'");
    }

    private static MagicUsageException usage(String problem) {
        return new MagicUsageException("%flink_run: " + problem + "\n\n" + USAGE);
    }
}
