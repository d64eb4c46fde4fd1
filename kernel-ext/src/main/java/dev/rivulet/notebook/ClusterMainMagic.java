package dev.rivulet.notebook;

import dev.rivulet.Dataflow;
import dev.rivulet.Rivulet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * {@code %cluster_main -a "host:port;host:port" -i ID [-w M] [--epoch-interval S] [--recovery[=DIR]] <expr>}:
 * joins a multi-host cluster as process {@code ID} (the other processes run the same flow: other
 * kernels, or {@code rivulet run ... -a ... -i ...}). The table shows this process's captured
 * items. Same operation as {@link Rivulet#clusterMain} in Java.
 *
 * <pre>{@code
 * %cluster_main -a "10.0.0.1:2101;10.0.0.2:2101" -i 0 -w 2 flow
 * }</pre>
 */
public final class ClusterMainMagic {

    static final String USAGE = String.join("\n",
            "usage: %cluster_main -a \"host:port;host:port\" -i ID [-w M] [--epoch-interval S] [--recovery[=DIR]] <expr>",
            "",
            "Runs the Dataflow <expr> as process ID of the cluster whose processes listen on the",
            "addresses (this one's included, in process-id order); the other processes must run the",
            "same flow. Set RIVULET_CLUSTER_SECRET to the same value everywhere.",
            "",
            "  -a, --addresses LIST    host:port of every process, separated by ';'",
            "  -i, --process-id ID     this process's index in LIST",
            "  -w, --workers M         worker threads in this process (default 1)",
            "  (--epoch-interval and --recovery as for %run_main)");

    private ClusterMainMagic() {
    }

    static Table magic(List<String> args) throws Exception {
        List<String> addresses = null;
        Integer processId = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            if (arg.startsWith("--addresses=") || arg.startsWith("--process-id=")) {
                value = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            } else if ((arg.startsWith("-a") || arg.startsWith("-i")) && arg.length() > 2 && !arg.startsWith("--")) {
                value = arg.substring(2); // -i0, as -w2 and -p2 elsewhere
                arg = arg.substring(0, 2);
            } else if ((arg.equals("-a") || arg.equals("--addresses") || arg.equals("-i") || arg.equals("--process-id"))
                    && i + 1 < args.size()) {
                value = args.get(++i);
            }
            if (value != null && (arg.equals("-a") || arg.equals("--addresses"))) {
                addresses = Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            } else if (value != null && (arg.equals("-i") || arg.equals("--process-id"))) {
                try {
                    processId = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw usage("-i needs a process id (0, 1, …), got '" + value + "'");
                }
            } else if (arg.equals("-h") || arg.equals("--help")) {
                Notebook.host().display(RichOutput.text(USAGE));
                return null;
            } else {
                rest.add(arg);
            }
        }
        if (addresses == null || addresses.isEmpty()) {
            throw usage("-a is required: the host:port of every process of the cluster, separated by ';'");
        }
        if (processId == null || processId < 0 || processId >= addresses.size()) {
            throw usage("-i is required: this process's index in the " + addresses.size() + " addresses (0 to "
                    + (addresses.size() - 1) + ")");
        }
        RunMainArgs run = RunMainArgs.parse(rest);
        Dataflow flow = MagicExpression.flow("cluster_main", run.expression(),
                "for example %cluster_main -a 'host1:7000;host2:7000' -i 0 flow");
        List<String> cluster = addresses;
        int id = processId;
        return Notebook.run(flow, run, cluster.size() * run.workers(),
                (f, workers, options) -> Rivulet.clusterMain(f, cluster, id, workers, options));
    }

    private static MagicUsageException usage(String problem) {
        return new MagicUsageException("%cluster_main: " + problem + "\n\n" + USAGE);
    }
}
