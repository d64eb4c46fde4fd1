package dev.rivulet.cluster.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The parent's side of the control handshake against clients that are not children. */
@Timeout(60)
class ControlConnectionTest {

    private static final Handshake HANDSHAKE = new Handshake(ClusterSecret.random());

    @Test
    void aClientThatTricklesItsHelloIsDroppedAtTheDeadlineOfTheWholeHandshake() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger sent = new AtomicInteger();
            Thread trickler = new Thread(() -> {
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    // A well-formed hello, one byte every 200 ms: each read gets a byte well within
                    // any per-read timeout, so only a deadline for the whole handshake ends it.
                    byte[] hello = ByteBuffer.allocate(4 + 1 + 4 + 4 + 4 + Handshake.NONCE_LENGTH)
                            .putInt(1 + 4 + 4 + 4 + Handshake.NONCE_LENGTH).put(Handshake.HELLO)
                            .putInt(Handshake.MAGIC).putInt(0).putInt(ControlConnection.PARENT).array();
                    OutputStream out = client.getOutputStream();
                    for (byte b : hello) {
                        out.write(b);
                        out.flush();
                        sent.incrementAndGet();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // dropped by the server: expected
                }
            });
            trickler.start();
            try (Socket accepted = server.accept()) {
                Throwable failure = catchThrowable(() -> ControlConnection.accept(accepted, HANDSHAKE, child -> true,
                        Duration.ofSeconds(1)));
                assertThat(failure).isInstanceOf(IOException.class).hasMessage("no complete handshake within 1 s");
                assertThat(sent.get()).as("dropped before the trickle ended").isLessThan(49);
            }
            trickler.interrupt();
            trickler.join();
        }
    }

    @Test
    void aClientThatHangsUpGetsAMessageNotNull() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    Socket accepted = server.accept()) {
                new DataOutputStream(client.getOutputStream()).writeShort(0);
                client.close();
                Throwable failure = catchThrowable(() -> ControlConnection.accept(accepted, HANDSHAKE, child -> true));
                assertThat(failure).isInstanceOf(IOException.class)
                        .hasMessage("the peer closed the connection during the handshake");
            }
        }
    }
}
