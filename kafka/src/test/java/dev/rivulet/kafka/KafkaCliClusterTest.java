package dev.rivulet.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.kafka.testbroker.KafkaBrokerExtension;
import dev.rivulet.kafka.testbroker.TestBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster of two processes started separately from the command line ({@code rivulet run
 * … -a host:port;host:port -i 0|1 -w 2}, as on two machines), reading a four-partition topic and
 * counting per word (an exchange between the processes) into an exactly-once sink: one process
 * is killed with SIGKILL part-way, both are started again, and a read_committed reader finds
 * every word's running counts once, 1 … n.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaCliClusterTest {
    private static final int WORDS = 8;
    private static final int PER_WORD = 200;
    @TempDir
    Path tmp;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Process start(String flow, String addresses, int processId, String run) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.rivulet.cli.RivuletCli", "run", flow, "-a", addresses, "-i", Integer.toString(processId),
                "-w", "2", "--epoch-interval", "0.1", "--sqlite-directory", tmp.resolve("state").toString())
                .redirectErrorStream(true)
                .redirectOutput(log(run, processId).toFile())
                .start();
    }

    private Path log(String run, int processId) {
        return tmp.resolve(run + "-process-" + processId + ".log");
    }

    private String logs(String run) throws IOException {
        return "process 0:\n" + Files.readString(log(run, 0)) + "\nprocess 1:\n" + Files.readString(log(run, 1));
    }

    @Test
    void twoProcessesStartedWithAddressesWriteEveryCountOnceThroughAKill(TestBroker broker) throws Exception {
        String in = Topics.create(broker, "cluster-words", 4);
        String out = Topics.create(broker, "cluster-counts", 2);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < WORDS * PER_WORD; i++) {
            words.add("word" + (i % WORDS));
        }
        Topics.fill(broker, in, 4, words);
        String flow = "dev.rivulet.kafka.RunningCountFlow:exactlyOnce(\"" + broker.bootstrapServers() + "\", \""
                + in + "\", \"" + out + "\")";

        String addresses = "127.0.0.1:" + freePort() + ";127.0.0.1:" + freePort();
        List<Process> first = List.of(start(flow, addresses, 0, "first"), start(flow, addresses, 1, "first"));
        try {
            // kill process 1 once the cluster has committed output, part-way through the input
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (first.get(1).isAlive() && Topics.committedEnd(broker, out) == 0 && System.nanoTime() < deadline) {
                first.get(1).waitFor(50, TimeUnit.MILLISECONDS);
            }
            assertThat(first.get(1).waitFor(300, TimeUnit.MILLISECONDS)).as("process 1 still runs when killed: "
                    + logs("first")).isFalse();
            first.get(1).destroyForcibly().waitFor(); // SIGKILL
            assertThat(first.get(0).waitFor(60, TimeUnit.SECONDS)).as("process 0 stops once its peer is gone")
                    .isTrue();
            assertThat(first.get(0).exitValue()).as(logs("first")).isNotZero();
        } finally {
            first.forEach(Process::destroyForcibly);
        }
        assertThat(Topics.readAll(broker, out, true)).as("the kill came before the end")
                .hasSizeLessThan(WORDS * PER_WORD);

        addresses = "127.0.0.1:" + freePort() + ";127.0.0.1:" + freePort();
        List<Process> second = List.of(start(flow, addresses, 0, "second"), start(flow, addresses, 1, "second"));
        try {
            for (Process process : second) {
                assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the resumed cluster finishes").isTrue();
                assertThat(process.exitValue()).as(logs("second")).isZero();
            }
        } finally {
            second.forEach(Process::destroyForcibly);
        }
        assertThat(logs("second")).contains("resuming from epoch");

        Map<String, List<Integer>> counts = new TreeMap<>();
        Map<String, Integer> partitionOf = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : Topics.readAll(broker, out, true)) {
            counts.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Integer.parseInt(r.value()));
            assertThat(partitionOf.computeIfAbsent(r.key(), k -> r.partition())).isEqualTo(r.partition());
        }
        // each word is in one output partition, so its records are in the order written
        List<Integer> expected = IntStream.rangeClosed(1, PER_WORD).boxed().toList();
        assertThat(counts).hasSize(WORDS);
        Map<String, String> wrong = new TreeMap<>();
        counts.forEach((word, seq) -> {
            if (!seq.equals(expected)) {
                wrong.put(word, seq.size() + " counts: " + seq);
            }
        });
        assertThat(wrong).as("words whose committed counts are not 1 … " + PER_WORD).isEmpty();
    }
}
