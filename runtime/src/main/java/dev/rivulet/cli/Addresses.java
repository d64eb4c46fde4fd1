package dev.rivulet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing and checking of cluster addresses: the {@code -a "host:port;host:port"} list, hostfiles
 * and StatefulSet pod ordinals.
 *
 * <pre>{@code
 * Addresses.parse("h1:2101;h2:2101", "-a")   // [h1:2101, h2:2101]
 * Addresses.podOrdinal("flow-3", "flow")     // 3
 * }</pre>
 */
public final class Addresses {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\[\\]\\s]+):(\\d{1,5})");

    private Addresses() {
    }

    /**
     * Splits {@code list} on {@code ;} and checks that every entry is {@code host:port} with a
     * port in 1..65535 and that no entry repeats. One trailing {@code ;} is allowed; an empty
     * entry anywhere else ({@code "h:1;;h:2"}) is refused, since dropping it would shift every
     * later process id and leave the cluster waiting for a process that cannot exist.
     * {@code source} names where the list came from, for messages.
     */
    public static List<String> parse(String list, String source) {
        List<String> entries = new ArrayList<>();
        String[] parts = list.split(";", -1);
        int last = parts.length - 1;
        if (last > 0 && parts[last].isBlank()) {
            last--; // a trailing ';'
        }
        for (int i = 0; i <= last; i++) {
            if (parts[i].isBlank()) {
                if (list.replace(";", "").isBlank()) {
                    break; // wholly empty: the caller says so
                }
                throw new UsageException(source + " '" + list + "' has an empty entry (position " + (i + 1)
                        + "); list each process once as host:port, separated by a single ';'");
            }
            entries.add(parts[i].trim());
        }
        return check(entries, source);
    }

    /**
     * Reads a hostfile: one {@code host:port} per line, in process-id order; blank lines and
     * lines starting with {@code #} are ignored, as is anything after a {@code #}.
     */
    public static List<String> readHostfile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageException("cannot read the hostfile " + file + " named by "
                    + EnvVar.HOSTFILE_PATH.variable() + ": " + e
                    + "; point it at a file with one host:port per line", e);
        }
        List<String> entries = new ArrayList<>();
        for (String line : lines) {
            int comment = line.indexOf('#');
            String entry = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        if (entries.isEmpty()) {
            throw new UsageException("the hostfile " + file + " (" + EnvVar.HOSTFILE_PATH.variable()
                    + ") lists no addresses; write one host:port per line, one line per process");
        }
        return check(entries, "hostfile " + file);
    }

    private static List<String> check(List<String> entries, String source) {
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            Matcher m = HOST_PORT.matcher(entry);
            if (!m.matches()) {
                throw new UsageException("address '" + entry + "' in " + source + " is not host:port;"
                        + " write each process as host:port (for example 10.0.0.5:2101 or"
                        + " [::1]:2101), separated by ';'");
            }
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                throw new UsageException("address '" + entry + "' in " + source + " has port " + port
                        + ", which is not in 1..65535");
            }
            if (!seen.add(entry)) {
                throw new UsageException("address '" + entry + "' appears twice in " + source
                        + "; every process needs its own host:port");
            }
        }
        return List.copyOf(entries);
    }

    /**
     * The process id encoded in a StatefulSet pod name {@code <statefulset>-<n>}: {@code n}.
     *
     * @throws UsageException when the pod name is not the StatefulSet name, a dash and a number
     */
    public static int podOrdinal(String podName, String statefulSetName) {
        String prefix = statefulSetName + "-";
        String rest = podName.startsWith(prefix) ? podName.substring(prefix.length()) : null;
        if (rest == null || !rest.matches("\\d{1,9}")) {
            throw new UsageException("cannot take the process id from pod name '" + podName + "': "
                    + EnvVar.POD_NAME.variable() + " must be '" + prefix + "<n>' because "
                    + EnvVar.STATEFULSET_NAME.variable() + " is '" + statefulSetName + "'; fix the"
                    + " StatefulSet name, or pass -i explicitly");
        }
        return Integer.parseInt(rest);
    }
}
