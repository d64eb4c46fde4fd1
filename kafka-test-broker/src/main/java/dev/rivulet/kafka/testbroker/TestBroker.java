package dev.rivulet.kafka.testbroker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) in a child JVM, started from
 * the {@code kafka_2.13} artifact: storage formatted with a fresh cluster id in a temporary
 * directory, listeners on loopback ports (plain, and SASL/PLAIN with user {@value #SASL_USER}
 * and password {@value #SASL_PASSWORD} for authentication tests).
 *
 * <p>Lifecycle: {@link #shared()} starts one broker per test JVM on first use and stops it when
 * the JVM exits (a shutdown hook; {@link KafkaBrokerExtension} stops it at the end of the JUnit
 * run). {@link #start()} / {@link #close()} give a private one. The child exits by itself when
 * the test JVM dies, since it watches its standard input.
 */
public final class TestBroker implements AutoCloseable {
    public static final String SASL_USER = "rivulet";
    public static final String SASL_PASSWORD = "rivulet-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static TestBroker shared;

    private final Path dir;
    private final Process process;
    private final int port;
    private final int saslPort;
    private final Thread hook;
    private boolean closed;

    private TestBroker(Path dir, Process process, int port, int saslPort) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.saslPort = saslPort;
        this.hook = new Thread(this::stop, "kafka-test-broker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The broker of this test JVM, started on first call. */
    public static synchronized TestBroker shared() {
        if (shared == null || shared.closed) {
            shared = start();
        }
        return shared;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /**
     * Starts a broker by hand, for trying flows (the Kafka page of the manual does this):
     * {@code [--port N] [topic:partitions …]}. Prints {@code bootstrap.servers=…} and runs until
     * standard input closes or the JVM is stopped (Ctrl-C); the data goes with it.
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // only the address below
        int port = 0;
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                topics.add(args[i]);
            }
        }
        try (TestBroker broker = start(port)) {
            for (String topic : topics) {
                int colon = topic.lastIndexOf(':');
                broker.createTopic(colon < 0 ? topic : topic.substring(0, colon),
                        colon < 0 ? 1 : Integer.parseInt(topic.substring(colon + 1)));
            }
            System.out.println("bootstrap.servers=" + broker.bootstrapServers());
            System.out.println("topics: " + topics + " (Ctrl-C or end of input stops the broker)");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until end of input
            }
        }
    }

    /** Starts a new broker and waits until it answers; fails after two minutes. */
    public static TestBroker start() {
        return start(0);
    }

    /**
     * Starts a new broker whose plain listener is on {@code port} (0: any free port) and waits
     * until it answers; fails after two minutes.
     */
    public static TestBroker start(int port) {
        // with slf4j-simple, the admin client's INFO (its whole configuration) and retry
        // warnings would fill a notebook with red boxes; the broker's own log is in its directory
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("rivulet-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] ports = freePorts(3);
        if (port != 0) {
            ports[0] = port;
        }
        Path config = dir.resolve("server.properties");
        Path log = dir.resolve("broker.log");
        try {
            Files.writeString(config, config(dir, ports));
            String clusterId = Uuid.randomUuid().toString();
            Process format = java(List.of("kafka.tools.StorageTool", "format", "-t", clusterId,
                    "-c", config.toString()), log).start();
            format.getOutputStream().close();
            if (!format.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka test broker's storage failed:\n"
                        + tail(log));
            }
            Process broker = java(List.of(BrokerMain.class.getName(), config.toString()), log).start();
            TestBroker started = new TestBroker(dir, broker, ports[0], ports[2]);
            try {
                started.awaitReady(log);
            } catch (RuntimeException | Error e) {
                started.close();
                throw e;
            }
            return started;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(dir);
            throw new IllegalStateException("interrupted while starting the Kafka test broker", e);
        }
    }

    /** {@code 127.0.0.1:port} of the plain listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:port} of the SASL_PLAINTEXT (mechanism PLAIN) listener. */
    public String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    /** An admin client for this broker; close it after use. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates a topic with {@code partitions} partitions (replication 1) and waits for it. */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("creating topic " + topic + " failed: " + e, e);
        }
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 20 s) and deletes its directory. */
    @Override
    public synchronized void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself, or during JVM shutdown
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(dir);
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka test broker exited with code "
                            + process.exitValue() + ":\n" + tail(log));
                }
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Kafka test broker did not answer within "
                            + START_TIMEOUT.toSeconds() + " s:\n" + tail(log));
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker", e);
                }
            }
        }
    }

    private static String config(Path dir, int[] ports) {
        String plain = "127.0.0.1:" + ports[0];
        String controller = "127.0.0.1:" + ports[1];
        String sasl = "127.0.0.1:" + ports[2];
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=PLAINTEXT://" + plain + ",CONTROLLER://" + controller
                        + ",SASL_PLAINTEXT://" + sasl,
                "advertised.listeners=PLAINTEXT://" + plain + ",SASL_PLAINTEXT://" + sasl,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,"
                        + "SASL_PLAINTEXT:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config="
                        + "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
                        + SASL_USER + "=\"" + SASL_PASSWORD + "\";",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "group.initial.rebalance.delay.ms=0",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "log.flush.interval.messages=9223372036854775807",
                "")
                .replace("\\", "\\\\");
    }

    private static ProcessBuilder java(List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.add("-cp");
        command.add(classpath());
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private static String classpath() throws IOException {
        String own;
        try {
            own = Paths.get(TestBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (InputStream in = TestBroker.class.getResourceAsStream("/rivulet-kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("rivulet-kafka-broker.classpath is missing: build "
                        + "the kafka-test-broker module with Maven (it writes the broker's classpath)");
            }
            return own + java.io.File.pathSeparator + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static int[] freePorts(int n) {
        int[] ports = new int[n];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
        return ports;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary directory
        }
    }
}
