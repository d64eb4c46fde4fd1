package dev.rivulet.cli;

import dev.rivulet.Dataflow;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.flow.FlowRunner;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rivulet run IMPORT-STRING [options]}: loads a flow and runs it in this process, on a
 * local cluster ({@code -p}), or as one process of a multi-machine cluster ({@code -a/-i}).
 * Items of the flow's {@code capture} steps are printed to standard output when the run ends.
 *
 * <pre>
 * rivulet run com.example.Flows:build("in.txt") -w 4
 * rivulet run flows/Counts.java -p 2 -w 2
 * rivulet run com.example.Flows -a "h1:2101;h2:2101" -i 0
 * </pre>
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = RivuletCli.Version.class,
        description = "Runs a dataflow: in this process (default), on N local processes (-p N),"
                + " or as process ID of a cluster spread over several machines (-a ... -i ID).",
        footerHeading = "%n")
final class RunCommand extends FlowCommand {
    /** The help footer, set by {@link RivuletCli} because it is built from {@link EnvVar}. */
    static String[] footer() {
        return new String[] {
            "Use -p to run several processes on one machine; use -a and -i (one command per machine)"
                    + " to run across machines. -p given together with -a/-i is ignored, with a warning.%n",
            EnvVar.helpSection()
                    + String.format("  %-28s %s%%n", "JAVA_HOME, JAVA_OPTS", "the JVM bin/rivulet uses, and its options"),
            "Exit status: 0 success, 1 the flow failed (a worker, the flow's factory or validation),"
                    + " 2 wrong command line, environment or import string."};
    }

    @Option(names = {"-p", "--processes"}, paramLabel = "N", description = "Run N local processes"
            + " (one machine). Default 1. [env: RIVULET_PROCESSES]")
    Integer processes;

    @Option(names = {"-w", "--workers-per-process"}, paramLabel = "N", description = "Worker threads"
            + " per process. Default 1. [env: RIVULET_WORKERS_PER_PROCESS]")
    Integer workersPerProcess;

    @Option(names = {"-i", "--process-id"}, paramLabel = "ID", description = "This process's index"
            + " in the -a list (0-based); needs -a. [env: RIVULET_PROCESS_ID]")
    Integer processId;

    @Option(names = {"-a", "--addresses"}, paramLabel = "HOST:PORT;...", description = "Addresses of"
            + " every process of a multi-machine cluster, this one included, in process-id order;"
            + " needs -i. [env: RIVULET_ADDRESSES]")
    String addresses;

    @Option(names = "--sqlite-directory", paramLabel = "DIR", description = "Keep recovery snapshots"
            + " in SQLite files in DIR and resume from them. Default: no recovery."
            + " [env: RIVULET_SQLITE_DIRECTORY]")
    String sqliteDirectory;

    @Option(names = "--epoch-interval", paramLabel = "SECONDS", description = "Epoch length in seconds;"
            + " fractions allowed (0.5); 0 = one item per input partition per epoch (tests). Default 10."
            + " [env: RIVULET_EPOCH_INTERVAL]")
    String epochInterval;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "native (default) or flink:"
            + " run the flow on Apache Flink with the Flink runner (needs rivulet-flink on the class"
            + " path; bin/rivulet adds it when it is built). With flink, -p N is the parallelism.")
    String engine;

    @Option(names = "--flink-master", paramLabel = "HOST:PORT", description = "With --engine flink:"
            + " the REST endpoint of a Flink cluster's JobManager. Default: an in-process mini cluster.")
    String flinkMaster;

    @Option(names = "--flink-savepoint", paramLabel = "PATH", description = "With --engine flink:"
            + " start from this savepoint or retained checkpoint.")
    String flinkSavepoint;

    private ClusterPlan plan;

    RunCommand(CliContext context) {
        super(context);
    }

    @Override
    void prepare() {
        if (engine != null && !engine.equals("native") && !engine.equals("flink")) {
            throw new UsageException("--engine must be native or flink, got '" + engine + "'");
        }
        if (!isFlink() && (flinkMaster != null || flinkSavepoint != null)) {
            throw new UsageException((flinkMaster != null ? "--flink-master" : "--flink-savepoint")
                    + " needs --engine flink");
        }
        if (isFlink() && (processId != null || addresses != null)) {
            throw new UsageException("-a/-i join a native cluster; with --engine flink use --flink-master"
                    + " HOST:PORT to run on a Flink cluster, and -p N for the parallelism");
        }
        plan = PlanResolver.resolve(new RunFlags(processes, workersPerProcess, processId, addresses,
                sqliteDirectory, epochInterval), context.env());
        plan.warnings().forEach(context.err()::println);
        context.err().flush();
    }

    @Override
    int withFlow(Dataflow flow) {
        RunOptions options = plan.runOptions();
        Launcher launcher = context.launcher();
        RunResult result = isFlink()
                ? launcher.runOnEngine("flink", flow, new FlowRunner.Settings(
                        plan.processes() * plan.workersPerProcess(), options, flinkMaster, flinkSavepoint,
                        JobJars.of(jobClasspath)))
                : switch (plan.mode()) {
            case IN_PROCESS -> launcher.runInProcess(flow, plan.workersPerProcess(), options);
            case SPAWN -> withJobOnClassPath(() ->
                    launcher.spawnCluster(flow, plan.processes(), plan.workersPerProcess(), options));
            case JOIN -> launcher.clusterMain(flow, plan.addresses(), plan.processId(),
                    plan.workersPerProcess(), options);
        };
        printCaptured(result);
        if (verbose && result != null) {
            context.err().println("rivulet run: " + result);
        }
        return RivuletCli.EXIT_OK;
    }

    private boolean isFlink() {
        return "flink".equals(engine);
    }

    private void printCaptured(RunResult result) {
        if (result == null) {
            return;
        }
        Map<String, List<Object>> captured = result.captured();
        boolean prefix = captured.size() > 1;
        for (Map.Entry<String, List<Object>> step : captured.entrySet()) {
            for (Object item : step.getValue()) {
                context.out().println(prefix ? step.getKey() + ": " + item : String.valueOf(item));
            }
        }
        context.out().flush();
    }

    /**
     * Runs {@code spawn} with the job's classes appended to the {@code java.class.path} property:
     * worker processes are started with this JVM's {@code java.class.path}, and they need the
     * flow's classes (from {@code --classpath} or a compiled {@code .java} file) to deserialize
     * it. The property is restored afterwards.
     */
    private RunResult withJobOnClassPath(Supplier<RunResult> spawn) {
        if (jobClasspath.isEmpty()) {
            return spawn.get();
        }
        String original = System.getProperty("java.class.path", "");
        StringBuilder extended = new StringBuilder(original);
        for (Path entry : jobClasspath) {
            extended.append(extended.length() == 0 ? "" : File.pathSeparator)
                    .append(entry.toAbsolutePath());
        }
        System.setProperty("java.class.path", extended.toString());
        try {
            return spawn.get();
        } finally {
            System.setProperty("java.class.path", original);
        }
    }
}
