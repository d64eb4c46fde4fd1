package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.rivulet.testing.NoLeftoverProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** `rivulet run` on real clusters: -p 3 -w 2 equals -p 1 -w 1; two -a/-i processes form one cluster. */
@Timeout(120)
class CliClusterTest {
    private static final String FLOW = "dev.rivulet.cli.fixtures.WordFlows:flow";

    @AfterEach
    void noChildProcessesLeft() throws InterruptedException {
        NoLeftoverProcesses.assertNone();
    }

    private static List<String> sortedOutput(CliRun run) {
        assertThat(run.status).as(run.toString()).isZero();
        List<String> lines = new ArrayList<>(run.outLines());
        lines.sort(null);
        return lines;
    }

    private static CliRun real(String... args) {
        return CliRun.run(Map.of(), Launcher.RIVULET, new ArrayList<>(), args);
    }

    @Test
    void threeProcessesOfTwoWorkersPrintTheSameCountsAsOneWorker() {
        List<String> single = sortedOutput(real("run", FLOW, "-p", "1", "-w", "1"));
        assertThat(single).hasSize(29); // w0 … w28
        assertThat(sortedOutput(real("run", FLOW, "-p", "3", "-w", "2"))).isEqualTo(single);
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void twoProcessesStartedWithAddressesFormOneCluster() throws Exception {
        List<String> single = sortedOutput(real("run", FLOW, "-w", "1"));
        String addresses = "127.0.0.2:" + freePort("127.0.0.2") + ";127.0.0.3:" + freePort("127.0.0.3");
        CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(
                () -> real("run", FLOW, "-a", addresses, "-i", "0", "-w", "2"));
        CompletableFuture<CliRun> second = CompletableFuture.supplyAsync(
                () -> real("run", FLOW, "-a", addresses, "-i", "1", "-w", "2"));
        List<String> combined = new ArrayList<>(sortedOutput(first.get(60, TimeUnit.SECONDS)));
        combined.addAll(sortedOutput(second.get(60, TimeUnit.SECONDS)));
        combined.sort(null);
        // Each process prints the counts of the keys its workers own: together, every count once.
        assertThat(combined).isEqualTo(single);
    }
}
