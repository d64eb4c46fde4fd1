package dev.rivulet.notebook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed arguments of {@code %spawn_cluster}:
 * {@code %spawn_cluster -p N -w M [--epoch-interval S] [--recovery[=DIR]] [--fresh] <expr>}.
 *
 * <pre>{@code
 * SpawnClusterArgs a = SpawnClusterArgs.parse(List.of("-p2", "-w", "2", "flow"));
 * a.processes(); // 2
 * }</pre>
 *
 * @param processes worker JVMs (default 2)
 * @param run the options shared with {@code %run_main}; its {@code workers()} is the workers per
 *     process
 * @param fresh whether to restart the warm worker JVMs of this shape first
 */
public record SpawnClusterArgs(int processes, RunMainArgs run, boolean fresh) {

    /** The usage text shown by {@code %spawn_cluster --help} and after every argument error. */
    public static final String USAGE = String.join("\n",
            "usage: %spawn_cluster [-p N] [-w M] [--epoch-interval S] [--recovery[=DIR]] [--steps] [--fresh] <expr>",
            "",
            "Runs the Dataflow that <expr> denotes on N local worker JVMs with M worker threads each,",
            "shows its captured items as a live table and returns them as a Tablesaw Table.",
            "The flow's cell code and the notebook variables it reads are copied to the workers when",
            "the run starts. Worker JVMs are started once per (N, M) and reused by later runs.",
            "",
            "  -p, --processes N       worker JVMs (default 2)",
            "  -w, --workers M         worker threads per JVM (default 1)",
            "  --epoch-interval S      epoch length in seconds (default 10; 0 = one item per epoch)",
            "  --recovery[=DIR]        keep recovery snapshots in DIR (default",
            "                          .rivulet/<notebook>/<flow name>/) and resume from them",
            "  --steps                 also show how many items each step has seen",
            "  --fresh                 restart the warm worker JVMs before this run",
            "  -h, --help              show this help");

    /**
     * Parses whitespace-split magic arguments; {@code -p2}, {@code -p 2}, {@code -p=2} and
     * {@code --processes=2} are accepted, and the same spellings of {@code -w} (as in every magic).
     */
    public static SpawnClusterArgs parse(List<String> args) {
        int processes = 2;
        boolean fresh = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                rest.addAll(args.subList(i, args.size())); // the expression (and a "--" before it)
                break;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                return new SpawnClusterArgs(processes, new RunMainArgs(null, 1, null, false, null, true), false);
            } else if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.equals("-p") || arg.equals("--processes")) {
                if (i + 1 >= args.size()) {
                    throw usage(arg + " needs a number of processes");
                }
                processes = count(args.get(++i), "-p");
            } else if (arg.startsWith("--processes=")) {
                processes = count(arg.substring("--processes=".length()), "-p");
            } else if (arg.startsWith("-p") && arg.length() > 2) {
                processes = count(arg.substring(arg.startsWith("-p=") ? 3 : 2), "-p");
            } else if ((arg.equals("-w") || arg.equals("--workers") || arg.equals("--epoch-interval"))
                    && i + 1 < args.size()) {
                rest.add(arg);
                rest.add(args.get(++i));
            } else {
                rest.add(arg);
            }
        }
        RunMainArgs run;
        try {
            run = RunMainArgs.parse(rest);
        } catch (MagicUsageException e) {
            String problem = e.getMessage().replace("%run_main: ", "");
            int cut = problem.indexOf("\n\nusage:");
            throw usage((cut >= 0 ? problem.substring(0, cut) : problem).replace("%run_main", "%spawn_cluster"));
        }
        return new SpawnClusterArgs(processes, run, fresh);
    }

    private static int count(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw usage(option + " needs a whole number of at least 1, got '" + value + "'");
    }

    /** The recovery directory argument, for display. */
    public Path recoveryDir() {
        return run.recoveryDir();
    }

    /** The epoch interval, or {@code null} for the default. */
    public Duration epochInterval() {
        return run.epochInterval();
    }

    private static MagicUsageException usage(String problem) {
        return new MagicUsageException("%spawn_cluster: " + problem + "\n\n" + USAGE);
    }
}
