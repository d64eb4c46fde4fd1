package dev.rivulet.cli;

import dev.rivulet.recovery.internals.OfflineRecovery;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code rivulet recovery inspect|verify DIR}: looks at a recovery directory without running a
 * flow and without writing to it.
 *
 * <pre>
 * rivulet recovery inspect state/word-count   # flow, workers, frontiers, history, sizes, verdict
 * rivulet recovery verify state/word-count    # exit 0 if a run would resume, 1 with the refusal
 * rivulet recovery verify state/word-count -p3 -w1   # ... a run with 3 workers (rescaling)
 * </pre>
 */
@Command(name = "recovery", mixinStandardHelpOptions = true, versionProvider = RivuletCli.Version.class,
        description = "Looks at a recovery directory (--sqlite-directory) without running anything or"
                + " changing a byte.",
        footerHeading = "%n", footer = "Exit status: 0 usable, 1 a run would be refused (or unreadable), 2 wrong command line.")
final class RecoveryCommand implements Callable<Integer> {
    private final CliContext context;

    RecoveryCommand(CliContext context) {
        this.context = context;
    }

    /** The command with its two subcommands. */
    static CommandLine commandLine(CliContext context) {
        CommandLine recovery = new CommandLine(new RecoveryCommand(context));
        recovery.addSubcommand(new CommandLine(new Inspect(context)));
        recovery.addSubcommand(new CommandLine(new Verify(context)));
        return recovery;
    }

    @Override
    public Integer call() {
        context.err().println("rivulet recovery: error: name a command: inspect DIR or verify DIR");
        return RivuletCli.EXIT_USAGE;
    }

    private static int print(CliContext context, OfflineRecovery.Outcome outcome) {
        (outcome.ok() ? context.out() : context.err()).println(outcome.text().stripTrailing());
        context.out().flush();
        context.err().flush();
        return outcome.ok() ? RivuletCli.EXIT_OK : RivuletCli.EXIT_FAILED;
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = RivuletCli.Version.class,
            description = "Prints the dataflow, workers, each worker's frontier, the execution history, the"
                    + " sizes, and whether a run would resume.")
    static final class Inspect implements Callable<Integer> {
        private final CliContext context;

        @Parameters(paramLabel = "DIR", description = "the recovery directory")
        Path directory;

        Inspect(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            OfflineRecovery.Outcome outcome = OfflineRecovery.inspect(directory);
            // inspect prints its table on stdout either way; the status says whether it is usable
            context.out().println(outcome.text().stripTrailing());
            context.out().flush();
            return outcome.ok() ? RivuletCli.EXIT_OK : RivuletCli.EXIT_FAILED;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = RivuletCli.Version.class,
            description = "Makes the checks of a resuming run: exit 0 and where it would resume, or exit 1"
                    + " and why it would be refused.")
    static final class Verify implements Callable<Integer> {
        private final CliContext context;

        @Parameters(paramLabel = "DIR", description = "the recovery directory")
        Path directory;

        @CommandLine.Option(names = "-p", paramLabel = "N", description = "check for a run with N processes"
                + " (default 1 when -w is given; otherwise the recorded shape)")
        Integer processes;

        @CommandLine.Option(names = "-w", paramLabel = "N", description = "check for a run with N workers per process"
                + " (default 1 when -p is given)")
        Integer workersPerProcess;

        Verify(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if ((processes != null && processes < 1) || (workersPerProcess != null && workersPerProcess < 1)) {
                context.err().println("rivulet recovery verify: error: -p and -w must be at least 1");
                context.err().flush();
                return RivuletCli.EXIT_USAGE;
            }
            int workers = processes == null && workersPerProcess == null ? 0
                    : (processes == null ? 1 : processes) * (workersPerProcess == null ? 1 : workersPerProcess);
            return print(context, OfflineRecovery.verify(directory, workers));
        }
    }
}
