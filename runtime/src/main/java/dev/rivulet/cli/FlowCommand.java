package dev.rivulet.cli;

import dev.rivulet.Dataflow;
import dev.rivulet.FlowDefinitionException;
import dev.rivulet.RunCancelledException;
import dev.rivulet.RivuletException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code run} and {@code describe} share: the import string, {@code --classpath},
 * {@code --verbose}, loading the flow, and turning every failure into a message and an exit
 * status.
 */
abstract class FlowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMPORT-STRING", description = "Where the flow is:"
            + " com.example.Flows (field 'flow'), com.example.Flows:member, "
            + "com.example.Flows:build(\"in.txt\", 3), or path/to/Flows.java[:member].")
    String importString;

    @Option(names = "--classpath", paramLabel = "CP", description = "Extra jars and class directories"
            + " for the flow, separated by the platform path separator; dir/* = every jar in dir.")
    String classpath;

    @Option(names = "--verbose", description = "Print full stack traces of failures.")
    boolean verbose;

    final CliContext context;

    /** The job's own class directories and jars (see {@link FlowLoader#jobClasspath()}). */
    List<Path> jobClasspath = List.of();

    FlowCommand(CliContext context) {
        this.context = context;
    }

    /** Does the command's work with the loaded flow; returns the exit status. */
    abstract int withFlow(Dataflow flow);

    /** Checks and resolves options before the flow is loaded. */
    void prepare() {
    }

    @Override
    public Integer call() {
        Path scratch = null;
        try {
            prepare();
            ImportString parsed = ImportString.parse(importString);
            scratch = parsed.sourceFile() ? Files.createTempDirectory("rivulet-job-") : null;
            try (FlowLoader loader = new FlowLoader(JobClasspath.parse(classpath), scratch)) {
                Dataflow flow = loader.load(parsed);
                jobClasspath = loader.jobClasspath();
                return withFlow(flow);
            }
        } catch (UsageException e) {
            return usageError(e.getMessage(), e);
        } catch (FlowLoadException e) {
            if (e.isUsageError()) {
                return usageError(e.getMessage(), e);
            }
            return failure(e.getMessage(), e);
        } catch (FlowDefinitionException e) {
            return failure("the flow is not valid: " + e.getMessage(), e);
        } catch (RunCancelledException e) {
            context.err().println(name() + ": stopped (" + e.getMessage() + "); every worker has ended");
            context.err().flush();
            return RivuletCli.EXIT_FAILED;
        } catch (RivuletException e) {
            return failure("the run failed: " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            return failure("not available: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            return failure("the run failed: " + FlowLoader.brief(e), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private int usageError(String message, Throwable e) {
        context.err().println(name() + ": error: " + message);
        if (verbose && e.getCause() != null) {
            e.printStackTrace(context.err());
        }
        context.err().println("Try 'rivulet " + spec.name() + " --help' for more information.");
        context.err().flush();
        return RivuletCli.EXIT_USAGE;
    }

    private int failure(String message, Throwable e) {
        context.err().println(name() + ": " + message);
        if (verbose) {
            e.printStackTrace(context.err());
        } else {
            context.err().println("(run with --verbose for the full stack trace)");
        }
        context.err().flush();
        return RivuletCli.EXIT_FAILED;
    }

    private String name() {
        return "rivulet " + spec.name();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover scratch directory in the temp folder is harmless
        }
    }
}
