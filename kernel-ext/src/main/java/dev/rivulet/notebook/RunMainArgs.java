package dev.rivulet.notebook;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The parsed arguments of {@code %run_main}:
 * {@code %run_main [--workers N] [--epoch-interval S] [--recovery[=DIR]] [--steps] <expr>}.
 *
 * <pre>{@code
 * RunMainArgs a = RunMainArgs.parse(List.of("--workers", "2", "--recovery", "flow"));
 * a.expression(); // "flow"
 * }</pre>
 *
 * @param expression the Java expression that denotes the flow (the rest of the line)
 * @param workers worker threads (default 1)
 * @param epochInterval the epoch length, or {@code null} for the default (10 s)
 * @param recovery whether to keep recovery snapshots
 * @param recoveryDir the recovery directory, or {@code null} for the notebook's default one
 * @param help whether {@code --help} was asked for
 * @param steps whether the live table shows per-step counts ({@code --steps})
 */
public record RunMainArgs(String expression, int workers, Duration epochInterval, boolean recovery,
        Path recoveryDir, boolean help, boolean steps) {

    /** Arguments without {@code --steps}. */
    public RunMainArgs(String expression, int workers, Duration epochInterval, boolean recovery, Path recoveryDir,
            boolean help) {
        this(expression, workers, epochInterval, recovery, recoveryDir, help, false);
    }

    /** The usage text shown by {@code %run_main --help} and after every argument error. */
    public static final String USAGE = String.join("\n",
            "usage: %run_main [--workers N] [--epoch-interval S] [--recovery[=DIR]] [--steps] <expr>",
            "",
            "Runs the Dataflow that the Java expression <expr> denotes (for example: flow) in this",
            "kernel, shows its captured items as a live table, and returns them as a Tablesaw Table",
            "(var t = %run_main flow). Interrupt the kernel to cancel the run.",
            "",
            "  -w, --workers N         worker threads (default 1)",
            "  --epoch-interval S      epoch length in seconds, decimals allowed (default 10;",
            "                          0 = one item per input partition per epoch)",
            "  --recovery[=DIR]        keep recovery snapshots in DIR (default",
            "                          .rivulet/<notebook>/<flow name>/) and resume from them",
            "  --steps                 also show how many items each step has seen",
            "  -h, --help              show this help");

    /**
     * Parses whitespace-split magic arguments; the first non-option starts the expression. Values
     * may follow as the next argument, after {@code =}, or (short options) attached:
     * {@code -w 2}, {@code --workers=2}, {@code -w2}.
     */
    public static RunMainArgs parse(List<String> args) {
        int workers = 1;
        Duration epochInterval = null;
        boolean recovery = false;
        Path recoveryDir = null;
        boolean steps = false;
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            if (!arg.startsWith("--") && arg.length() > 2 && inline == null) {
                // a short option with its value attached, as every magic accepts: -w2
                name = arg.substring(0, 2);
                inline = arg.substring(2);
            }
            switch (name) {
                case "-h", "--help" -> {
                    return new RunMainArgs(null, workers, epochInterval, recovery, recoveryDir, true);
                }
                case "-w", "--workers" -> {
                    String value = inline != null ? inline : valueAfter(args, i++, name, "a number of workers");
                    workers = parseWorkers(value);
                }
                case "--epoch-interval" -> {
                    String value = inline != null ? inline : valueAfter(args, i++, name, "seconds");
                    epochInterval = parseSeconds(value);
                }
                case "--recovery" -> {
                    recovery = true;
                    if (inline != null) {
                        if (inline.isBlank()) {
                            throw usage("--recovery= needs a directory after '=' (or leave out '=' for the default)");
                        }
                        recoveryDir = Path.of(inline);
                    }
                }
                case "--steps" -> steps = true;
                default -> throw usage("unknown option " + arg);
            }
            i++;
        }
        String expression = String.join(" ", args.subList(Math.min(i, args.size()), args.size())).trim();
        if (expression.isEmpty()) {
            throw usage("missing the flow: give a Java expression that denotes a Dataflow, for example %run_main flow");
        }
        return new RunMainArgs(expression, workers, epochInterval, recovery, recoveryDir, false, steps);
    }

    private static String valueAfter(List<String> args, int index, String option, String what) {
        if (index + 1 >= args.size()) {
            throw usage(option + " needs " + what);
        }
        return args.get(index + 1);
    }

    private static int parseWorkers(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw usage("--workers needs a whole number of at least 1, got '" + value + "'");
    }

    private static Duration parseSeconds(String value) {
        try {
            BigDecimal seconds = new BigDecimal(value);
            if (seconds.signum() >= 0) {
                return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
            }
        } catch (NumberFormatException | ArithmeticException ignored) {
            // reported below
        }
        throw usage("--epoch-interval needs seconds (zero or more, for example 0.5), got '" + value + "'");
    }

    private static MagicUsageException usage(String problem) {
        return new MagicUsageException("%run_main: " + problem + "\n\n" + USAGE);
    }
}
