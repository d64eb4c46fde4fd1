package dev.rivulet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.KV;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Strangers on a worker's port are dropped before anything is deserialized; the cluster carries on. */
@Timeout(60)
class ClusterSecurityTest {

    private static Socket connectWhenListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(15_000);
                return socket;
            } catch (ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** Reads until the server closes the connection; returns how many bytes it sent. */
    private static int readUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        int total = 0;
        try {
            while (in.read() >= 0) {
                total++;
            }
        } catch (java.net.SocketException e) {
            // a reset also means closed
        }
        return total;
    }

    @Test
    void garbageAndAWrongSecretAreRejectedAndTheClusterStillWorks() throws Exception {
        int port0 = ClusterMainTest.freePort();
        int port1 = ClusterMainTest.freePort();
        List<String> addresses = List.of("127.0.0.1:" + port0, "127.0.0.1:" + port1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Process 1 listens and waits for process 0, which dials it.
            Future<RunResult> second = pool.submit(() -> Rivulet.clusterMain(ClusterFlows.wordCount(), addresses, 1,
                    1, RunOptions.defaults()));

            try (Socket garbage = connectWhenListening(port1)) {
                garbage.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                garbage.getOutputStream().flush();
                assertThat(readUntilClosed(garbage)).isZero();
            }

            try (Socket impostor = connectWhenListening(port1)) {
                DataOutputStream out = new DataOutputStream(impostor.getOutputStream());
                out.writeInt(1 + 4 + 4 + 4 + 32);
                out.writeByte(1); // HELLO
                out.writeInt(0x52564C31);
                out.writeInt(0); // claims to be process 0
                out.writeInt(1);
                out.write(new byte[32]);
                out.flush();
                DataInputStream in = new DataInputStream(impostor.getInputStream());
                int challengeLength = in.readInt();
                assertThat(challengeLength).isEqualTo(1 + 4 + 4 + 32 + 32);
                in.readNBytes(challengeLength);
                out.writeInt(33);
                out.writeByte(3); // PROOF with a MAC made without the secret
                out.write(new byte[32]);
                out.flush();
                assertThat(readUntilClosed(impostor)).isZero();
            }

            Future<RunResult> first = pool.submit(() -> Rivulet.clusterMain(ClusterFlows.wordCount(), addresses, 0, 1,
                    RunOptions.defaults()));
            List<KV<String, Long>> all = new ArrayList<>(first.get(30, TimeUnit.SECONDS).<KV<String, Long>>captured("counts"));
            all.addAll(second.get(30, TimeUnit.SECONDS).captured("counts"));
            List<KV<String, Long>> expected = Rivulet.run(ClusterFlows.wordCount(), 1).captured("counts");
            assertThat(ClusterFlows.counts(all)).isEqualTo(ClusterFlows.counts(expected));
        } finally {
            pool.shutdownNow();
        }
    }
}
