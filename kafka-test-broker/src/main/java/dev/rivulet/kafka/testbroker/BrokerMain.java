package dev.rivulet.kafka.testbroker;

import java.io.IOException;

/**
 * The child JVM's entry point: runs {@code kafka.Kafka} and exits as soon as its standard input
 * closes, so a broker never outlives the test JVM that started it (even one killed with
 * {@code kill -9}, whose pipe the OS closes).
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; wait for end of stream
                }
            } catch (IOException ignored) {
                // a broken pipe means the parent is gone, the same as end of stream
            }
            System.exit(0); // Kafka's own shutdown hook stops the server
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        kafka.Kafka.main(args);
    }
}
