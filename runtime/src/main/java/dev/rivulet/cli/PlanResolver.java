package dev.rivulet.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link RunFlags} and the environment into a {@link ClusterPlan}, applying the rules in
 * this order:
 *
 * <ol>
 *   <li>each flag not given takes its {@link EnvVar} value, if set;</li>
 *   <li>no process id, but {@code RIVULET_POD_NAME} and {@code RIVULET_STATEFULSET_NAME}: the
 *       process id is the pod's ordinal;</li>
 *   <li>a process id but no addresses, and {@code RIVULET_HOSTFILE_PATH}: addresses from it;</li>
 *   <li>{@code -p} together with {@code -a}/{@code -i}: a warning, and {@code -p} is ignored;</li>
 *   <li>a process id without addresses, or addresses without a process id: an error;</li>
 *   <li>a process id outside the address list: an error.</li>
 * </ol>
 *
 * <pre>{@code
 * ClusterPlan plan = PlanResolver.resolve(flags, System.getenv());
 * }</pre>
 */
public final class PlanResolver {

    private PlanResolver() {
    }

    /** Resolves {@code flags} against {@code env}; throws {@link UsageException} when invalid. */
    public static ClusterPlan resolve(RunFlags flags, Map<String, String> env) {
        List<String> warnings = new ArrayList<>();
        Setting<Integer> processes = intSetting(flags.processes(), "-p/--processes", EnvVar.PROCESSES, env, 1);
        Setting<Integer> workers = intSetting(flags.workersPerProcess(), "-w/--workers-per-process",
                EnvVar.WORKERS_PER_PROCESS, env, 1);
        Setting<Integer> processId = intSetting(flags.processId(), "-i/--process-id", EnvVar.PROCESS_ID, env, 0);
        Setting<List<String>> addresses = addressSetting(flags.addresses(), env);

        if (processId == null) {
            processId = podOrdinal(env);
        }
        if (processId != null && addresses == null && EnvVar.HOSTFILE_PATH.in(env) != null) {
            Path hostfile = Path.of(EnvVar.HOSTFILE_PATH.in(env));
            addresses = new Setting<>(Addresses.readHostfile(hostfile),
                    EnvVar.HOSTFILE_PATH.variable() + "=" + hostfile);
        }
        if (processes != null && (processId != null || addresses != null)) {
            warnings.add("warning: both " + processes.source + " and "
                    + (addresses != null ? addresses.source : processId.source) + " were given;"
                    + " ignoring " + processes.source + " and joining the cluster of -a/-i."
                    + " Use -p alone to start a local cluster on this machine, or -a with -i to run"
                    + " one process per machine, not both.");
            processes = null;
        }
        if (processId != null && addresses == null && EnvVar.ADDRESSES.isEmptyIn(env)) {
            throw new UsageException("a process id (" + processId.source + ") needs the addresses of"
                    + " every process in the cluster, but " + EnvVar.ADDRESSES.variable() + " is set and empty:"
                    + " put every process's host:port in it, separated by ';' (this process's own included,"
                    + " in process-id order), or pass -a \"host:port;host:port\"");
        }
        if (processId != null && addresses == null) {
            throw new UsageException("a process id (" + processId.source + ") needs the addresses of"
                    + " every process in the cluster: pass -a \"host:port;host:port\" (this process's"
                    + " own address included, in process-id order), set "
                    + EnvVar.ADDRESSES.variable() + ", or set " + EnvVar.HOSTFILE_PATH.variable()
                    + " to a file with one host:port per line. To run on this machine only, drop the"
                    + " process id and use -p N.");
        }
        if (addresses != null && processId == null) {
            int n = addresses.value.size();
            throw new UsageException(addresses.source + " lists " + n + " process"
                    + (n == 1 ? "" : "es") + " but not which one this is: add -i <0.." + (n - 1)
                    + "> (or set " + EnvVar.PROCESS_ID.variable() + ", or in Kubernetes "
                    + EnvVar.POD_NAME.variable() + " and " + EnvVar.STATEFULSET_NAME.variable()
                    + "). To run on this machine only, drop -a and use -p N.");
        }
        if (processId != null && processId.value >= addresses.value.size()) {
            int n = addresses.value.size();
            throw new UsageException("process id " + processId.value + " (" + processId.source
                    + ") is out of range: " + addresses.source + " lists " + n + " address"
                    + (n == 1 ? "" : "es") + ", so the process id must be "
                    + (n == 1 ? "0" : "0.." + (n - 1)) + "; every process needs its own id and"
                    + " the address list must name all of them");
        }

        int w = workers == null ? 1 : workers.value;
        Path sqlite = sqliteDirectory(flags.sqliteDirectory(), env);
        Duration interval = epochInterval(flags.epochInterval(), env);
        if (processId != null) {
            return new ClusterPlan(ClusterPlan.Mode.JOIN, addresses.value.size(), w, processId.value,
                    addresses.value, sqlite, interval, warnings);
        }
        int p = processes == null ? 1 : processes.value;
        return new ClusterPlan(p > 1 ? ClusterPlan.Mode.SPAWN : ClusterPlan.Mode.IN_PROCESS, p, w, null,
                List.of(), sqlite, interval, warnings);
    }

    /**
     * Parses an epoch interval in seconds: {@code 10}, {@code 0.5}, or {@code 0} (one item per
     * input partition per epoch, for tests). {@code source} names the flag or variable.
     */
    public static Duration parseEpochInterval(String text, String source) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(source + " '" + text + "' is not a number of seconds;"
                    + " examples: 10, 0.5, 0 (0 = one item per input partition per epoch, for tests)");
        }
        if (seconds.signum() < 0) {
            throw new UsageException(source + " '" + text + "' is negative; the epoch interval must"
                    + " be 0 (one item per input partition per epoch) or a positive number of seconds");
        }
        long nanos;
        try {
            nanos = seconds.movePointRight(9).toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new UsageException(source + " '" + text + "' is too large; use at most "
                    + Long.MAX_VALUE / 1_000_000_000L + " seconds");
        }
        if (nanos == 0 && seconds.signum() > 0) {
            throw new UsageException(source + " '" + text + "' is shorter than a nanosecond;"
                    + " use 0 for one item per input partition per epoch, or a longer interval");
        }
        return Duration.ofNanos(nanos);
    }

    private static Duration epochInterval(String flag, Map<String, String> env) {
        if (flag != null) {
            return parseEpochInterval(flag, "--epoch-interval");
        }
        String value = EnvVar.EPOCH_INTERVAL.in(env);
        return value == null ? null : parseEpochInterval(value, EnvVar.EPOCH_INTERVAL.variable());
    }

    private static Path sqliteDirectory(String flag, Map<String, String> env) {
        String value = flag != null ? flag : EnvVar.SQLITE_DIRECTORY.in(env);
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new UsageException("--sqlite-directory is empty; name a directory for the recovery"
                    + " files, or leave it out to run without recovery");
        }
        return Path.of(value);
    }

    private static Setting<Integer> intSetting(Integer flag, String name, EnvVar var,
            Map<String, String> env, int min) {
        Setting<Integer> setting;
        if (flag != null) {
            setting = new Setting<>(flag, name.substring(0, 2) + " " + flag);
        } else {
            String text = var.in(env);
            if (text == null) {
                return null;
            }
            try {
                setting = new Setting<>(Integer.parseInt(text), var.variable() + "=" + text);
            } catch (NumberFormatException e) {
                throw new UsageException(var.variable() + "='" + text + "' is not a whole number;"
                        + " it sets " + name + ": fix or unset it");
            }
        }
        if (setting.value < min) {
            throw new UsageException(name + " must be at least " + min + ", got " + setting.value
                    + " (" + setting.source + ")");
        }
        return setting;
    }

    private static Setting<List<String>> addressSetting(String flag, Map<String, String> env) {
        String source = flag != null ? "-a" : EnvVar.ADDRESSES.variable();
        String text = flag != null ? flag : EnvVar.ADDRESSES.in(env);
        if (text == null) {
            return null;
        }
        List<String> list = Addresses.parse(text, source);
        if (list.isEmpty()) {
            throw new UsageException(source + " is empty; list every process as"
                    + " \"host:port;host:port\", or leave it out to run on this machine");
        }
        return new Setting<>(list, source);
    }

    private static Setting<Integer> podOrdinal(Map<String, String> env) {
        String pod = EnvVar.POD_NAME.in(env);
        String set = EnvVar.STATEFULSET_NAME.in(env);
        if (pod == null && set == null) {
            return null;
        }
        if (pod == null || set == null) {
            EnvVar missing = pod == null ? EnvVar.POD_NAME : EnvVar.STATEFULSET_NAME;
            EnvVar present = pod == null ? EnvVar.STATEFULSET_NAME : EnvVar.POD_NAME;
            throw new UsageException(present.variable() + " is set but " + missing.variable()
                    + " is not: set both to take the process id from the pod name"
                    + " (<statefulset>-<n>), or neither and pass -i");
        }
        int ordinal = Addresses.podOrdinal(pod, set);
        return new Setting<>(ordinal, EnvVar.POD_NAME.variable() + "=" + pod);
    }

    /** A resolved value and where it came from ({@code "-p 3"}, {@code "RIVULET_PROCESSES=3"}). */
    private record Setting<T>(T value, String source) {
    }
}
