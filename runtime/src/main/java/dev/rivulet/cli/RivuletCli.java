package dev.rivulet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code rivulet} command line: {@code rivulet run}, {@code rivulet describe} and
 * {@code rivulet recovery inspect|verify}. The
 * {@code bin/rivulet} launcher runs this class.
 *
 * <pre>
 * rivulet run com.example.Flows -w 4
 * rivulet run path/to/Flows.java:build("in.txt", 3) -p 2 -w 2
 * rivulet describe com.example.Flows
 * </pre>
 */
@Command(name = "rivulet", mixinStandardHelpOptions = true, versionProvider = RivuletCli.Version.class,
        description = "Runs Rivulet dataflows. See 'rivulet run --help'.",
        footerHeading = "%n",
        footer = "Exit status: 0 success, 1 the flow failed, 2 wrong command line.")
public final class RivuletCli implements Callable<Integer> {
    /** The run succeeded. */
    public static final int EXIT_OK = 0;
    /** The flow failed: a worker, the flow's factory, its static initializer, or its validation. */
    public static final int EXIT_FAILED = 1;
    /** The command line, environment or import string is wrong; nothing ran. */
    public static final int EXIT_USAGE = 2;

    private final CliContext context;

    private RivuletCli(CliContext context) {
        this.context = context;
    }

    /**
     * Runs the command line and exits with its status. Ctrl-C (or SIGTERM) interrupts the run,
     * which stops every worker; the JVM then exits with status 130 (143 for SIGTERM) once the
     * interruption has been reported, or after five seconds.
     */
    public static void main(String[] args) throws InterruptedException {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Thread runner = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopRun = new Thread(() -> {
            runner.interrupt();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rivulet-shutdown");
        Runtime.getRuntime().addShutdownHook(stopRun);
        int status = execute(args, new CliContext(System.getenv(), Launcher.RIVULET, out, err));
        finished.countDown();
        System.exit(status);
    }

    /**
     * Runs the command line with an injected environment and launcher, printing to {@code out}
     * and {@code err}; returns the exit status. For tests and embedding.
     */
    public static int execute(String[] args, Map<String, String> env, Launcher launcher, PrintStream out,
            PrintStream err) {
        return execute(args, new CliContext(env, launcher,
                new PrintWriter(out, true, StandardCharsets.UTF_8),
                new PrintWriter(err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the command line in {@code context}; returns the exit status. */
    public static int execute(String[] args, CliContext context) {
        CommandLine cli = commandLine(context);
        int status = cli.execute(args);
        context.out().flush();
        context.err().flush();
        return status;
    }

    /** The configured picocli command tree. */
    static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new RivuletCli(context));
        cli.addSubcommand(new CommandLine(new RunCommand(context)));
        cli.addSubcommand(new CommandLine(new DescribeCommand(context)));
        cli.addSubcommand(RecoveryCommand.commandLine(context));
        cli.getSubcommands().get("run").getCommandSpec().usageMessage().footer(RunCommand.footer());
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            String name = command.getCommandSpec().qualifiedName();
            if (command.getParent() == null && args.length > 0 && !args[0].startsWith("-")
                    && !command.getSubcommands().containsKey(args[0])) {
                command.getErr().println("rivulet: error: '" + args[0] + "' is not a command; to run the flow "
                        + args[0] + ", write: rivulet run " + String.join(" ", args));
                command.getErr().println("Try 'rivulet run --help' for more information.");
                command.getErr().flush();
                return EXIT_USAGE;
            }
            command.getErr().println(name + ": error: " + e.getMessage());
            command.getErr().println("Try '" + name + " --help' for more information.");
            command.getErr().flush();
            return EXIT_USAGE;
        });
        return cli;
    }

    /** {@code rivulet} without a command: prints the usage and fails. */
    @Override
    public Integer call() {
        context.err().println("rivulet: error: name a command: run, describe or recovery");
        commandLine(context).usage(context.err());
        return EXIT_USAGE;
    }

    /** The version, from the build's {@code version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rivulet " + version(), "Java " + Runtime.version()
                    + " (" + System.getProperty("java.vendor") + ")"};
        }

        /** The Rivulet version, or {@code unknown} when run from an unusual build. */
        static String version() {
            try (InputStream in = RivuletCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    String version = properties.getProperty("version");
                    if (version != null && !version.startsWith("$")) {
                        return version;
                    }
                }
            } catch (IOException e) {
                // fall through to the manifest
            }
            String manifest = RivuletCli.class.getPackage().getImplementationVersion();
            return manifest == null ? "unknown" : manifest;
        }
    }
}
