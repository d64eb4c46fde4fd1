package dev.rivulet.flink;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Flink standalone session cluster for a test: a JobManager started through Flink's
 * standalone entry point and TaskManagers, each a separate JVM from this test's class path, on
 * loopback ports, configured from a temporary directory. {@link #close} stops every JVM it
 * started (forcibly, after a grace period), whatever happened. In rivulet-flink's test jar, so
 * other modules' tests (kernel-ext's notebook test) use the same cluster.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path dir;
    private final int restPort;
    private Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();

    public StandaloneFlinkCluster(Path dir, int taskManagers, int slotsPerTaskManager) throws Exception {
        this.dir = dir;
        this.restPort = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.bind-host: 127.0.0.1",
                "jobmanager.rpc.port: " + freePort(),
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "blob.server.port: " + freePort(),
                "taskmanager.host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: " + slotsPerTaskManager,
                "cluster.evenly-spread-out-slots: true",
                "jobmanager.memory.process.size: 640m",
                // started without Flink's scripts, so every memory part is given (the scripts compute them)
                "taskmanager.cpu.cores: 2",
                "taskmanager.memory.framework.heap.size: 64m",
                "taskmanager.memory.task.heap.size: 192m",
                "taskmanager.memory.framework.off-heap.size: 64m",
                "taskmanager.memory.task.off-heap.size: 0m",
                "taskmanager.memory.managed.size: 32m",
                "taskmanager.memory.network.min: 32m",
                "taskmanager.memory.network.max: 32m",
                "taskmanager.memory.jvm-metaspace.size: 128m",
                "taskmanager.memory.jvm-overhead.min: 64m",
                "taskmanager.memory.jvm-overhead.max: 64m",
                "heartbeat.interval: 1000",
                "heartbeat.timeout: 5000",
                "web.submit.enable: true",
                "") );
        try {
            jobManager = start("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    conf);
            for (int i = 0; i < taskManagers; i++) {
                this.taskManagers.add(start("taskmanager-" + i, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        conf));
            }
            awaitTaskManagers(taskManagers);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The JobManager's REST endpoint, for {@code --flink-master}. */
    public String master() {
        return "127.0.0.1:" + restPort;
    }

    public Process taskManager(int index) {
        return taskManagers.get(index);
    }

    private Process start(String name, String mainClass, Path conf) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx400m", "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.time=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), mainClass, "--configDir", conf.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        return builder.start();
    }

    private void awaitTaskManagers(int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Pattern registered = Pattern.compile("\"slotsNumber\"");
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("the JobManager exited: " + log("jobmanager"));
            }
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://" + master() + "/taskmanagers"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = registered.matcher(body);
                int n = 0;
                while (m.find()) {
                    n++;
                }
                if (n >= count) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // polling a condition of another process; nothing to wait on
        }
        throw new IllegalStateException("the Flink cluster did not get " + count + " TaskManagers within "
                + START_TIMEOUT + "; JobManager log: " + log("jobmanager") + "\nTaskManager 0 log: " + log("taskmanager-0"));
    }

    public String log(String name) {
        try {
            String text = Files.readString(dir.resolve(name + ".log"));
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "<no log: " + e + ">";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(taskManagers);
        if (jobManager != null) {
            all.add(jobManager);
        }
        for (Process p : all) {
            p.destroy();
        }
        for (Process p : all) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
