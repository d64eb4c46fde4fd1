package dev.rivulet.flink.internals;

import java.net.URI;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * One Flink mini cluster per JVM, started on first use and stopped when the JVM exits: starting
 * one costs seconds, so every run of a notebook or a test class shares it. Jobs reach it through
 * its REST endpoint on loopback, the same way as a remote cluster.
 */
public final class SharedMiniCluster {
    /** Slots: enough for the parallelism a run on one machine asks for. */
    static final int SLOTS = 8;

    private static MiniCluster cluster;
    private static URI rest;

    private SharedMiniCluster() {
    }

    /** The REST endpoint of the running mini cluster, starting it if needed. */
    public static synchronized URI restAddress() throws Exception {
        if (cluster == null || !cluster.isRunning()) {
            Configuration conf = new Configuration();
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(RestOptions.ADDRESS, "127.0.0.1");
            conf.set(RestOptions.BIND_PORT, "0");
            conf.set(TaskManagerOptions.NUM_TASK_SLOTS, SLOTS);
            MiniCluster started = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(SLOTS).build());
            started.start();
            cluster = started;
            rest = started.getRestAddress().get();
            Runtime.getRuntime().addShutdownHook(new Thread(SharedMiniCluster::close, "rivulet-flink-minicluster-stop"));
        }
        return rest;
    }

    /** The most parallelism the mini cluster runs. */
    public static int slots() {
        return SLOTS;
    }

    /** Stops the mini cluster (the next run starts a new one). */
    public static synchronized void close() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                // stopping at exit: nothing left to tell
            }
            cluster = null;
        }
    }
}
