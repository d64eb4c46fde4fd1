package dev.rivulet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.KV;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code clusterMain} with explicit addresses: two processes played by two threads of this JVM. */
@Timeout(60)
class ClusterMainTest {

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void twoProcessesWithAddressesFormOneCluster() throws Exception {
        runTwoProcesses(List.of("127.0.0.1:" + freePort(), "127.0.0.1:" + freePort()));
    }

    @Test
    void processesOnDifferentLoopbackAddressesFormOneCluster() throws Exception {
        int port = freePort();
        runTwoProcesses(List.of("127.0.0.2:" + port, "127.0.0.3:" + port));
    }

    private static void runTwoProcesses(List<String> addresses) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<RunResult>> results = new ArrayList<>();
            for (int id = 0; id < 2; id++) {
                int processId = id;
                results.add(pool.submit(() -> Rivulet.clusterMain(ClusterFlows.wordCount(), addresses, processId, 2,
                        RunOptions.defaults())));
            }
            List<KV<String, Long>> all = new ArrayList<>();
            for (Future<RunResult> result : results) {
                RunResult run = result.get(30, TimeUnit.SECONDS);
                assertThat(run.workers()).isEqualTo(4);
                all.addAll(run.captured("counts"));
            }
            List<KV<String, Long>> expected = Rivulet.run(ClusterFlows.wordCount(), 1).captured("counts");
            assertThat(ClusterFlows.counts(all)).isEqualTo(ClusterFlows.counts(expected));
            assertThat(all).hasSameSizeAs(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
