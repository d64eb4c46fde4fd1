package dev.rivulet.cli;

import java.util.Map;

/**
 * The environment variables {@code rivulet run} reads. A command-line flag always beats its
 * variable; {@code rivulet run --help} lists them all.
 *
 * <pre>{@code
 * RIVULET_WORKERS_PER_PROCESS=4 rivulet run com.example.Flows   # same as -w 4
 * }</pre>
 */
public enum EnvVar {
    /** Default for {@code -p/--processes}. */
    PROCESSES("RIVULET_PROCESSES", "default for -p/--processes"),
    /** Default for {@code -w/--workers-per-process}. */
    WORKERS_PER_PROCESS("RIVULET_WORKERS_PER_PROCESS", "default for -w/--workers-per-process"),
    /** Default for {@code -i/--process-id}. */
    PROCESS_ID("RIVULET_PROCESS_ID", "default for -i/--process-id"),
    /** Default for {@code -a/--addresses}. */
    ADDRESSES("RIVULET_ADDRESSES", "default for -a/--addresses"),
    /** Default for {@code --sqlite-directory}. */
    SQLITE_DIRECTORY("RIVULET_SQLITE_DIRECTORY", "default for --sqlite-directory"),
    /** Default for {@code --epoch-interval}. */
    EPOCH_INTERVAL("RIVULET_EPOCH_INTERVAL", "default for --epoch-interval"),
    /** With {@link #STATEFULSET_NAME}: the process id is the ordinal suffix of this pod name. */
    POD_NAME("RIVULET_POD_NAME", "Kubernetes pod name <statefulset>-<n>: with",
            "RIVULET_STATEFULSET_NAME and no -i, the", "process id is <n>"),
    /** The StatefulSet whose pod names carry the process id. */
    STATEFULSET_NAME("RIVULET_STATEFULSET_NAME", "the StatefulSet's name (see RIVULET_POD_NAME)"),
    /** A file of {@code host:port} lines, used when a process id is known but no addresses. */
    HOSTFILE_PATH("RIVULET_HOSTFILE_PATH", "file of host:port lines, one per process",
            "(blank lines and # comments ignored), read", "when a process id is known but not -a"),

    /** The shared secret of a multi-host cluster (read by the cluster itself, not a flag default). */
    CLUSTER_SECRET("RIVULET_CLUSTER_SECRET", "secret shared by every process of an -a/-i",
            "cluster (the same random text everywhere);", "without it a key is derived from the addresses,",
            "with a warning");

    private final String variable;
    private final String[] description;

    EnvVar(String variable, String... description) {
        this.variable = variable;
        this.description = description;
    }

    /** The variable's name, such as {@code RIVULET_PROCESSES}. */
    public String variable() {
        return variable;
    }

    /** One line saying what the variable does, for {@code --help}. */
    public String description() {
        return String.join(" ", description);
    }

    /** This variable's value in {@code env}, or {@code null} when unset or blank. */
    public String in(Map<String, String> env) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Whether this variable is set in {@code env} but empty or blank (which {@link #in} treats as unset). */
    public boolean isEmptyIn(Map<String, String> env) {
        String value = env.get(variable);
        return value != null && value.isBlank();
    }

    /**
     * The help section listing every variable, in picocli's format ({@code %n} = new line). Each
     * description line fits the 80 columns of the help beside the 31 of the name column.
     */
    public static String helpSection() {
        StringBuilder text = new StringBuilder("Environment variables (a flag beats its variable):%n");
        for (EnvVar var : values()) {
            for (int i = 0; i < var.description.length; i++) {
                text.append(String.format("  %-28s %s%%n", i == 0 ? var.variable : "", var.description[i]));
            }
        }
        return text.toString();
    }
}
