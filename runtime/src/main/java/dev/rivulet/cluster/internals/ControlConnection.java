package dev.rivulet.cluster.internals;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * The connection between the parent of a spawned cluster and one child: blocking, framed
 * ({@code [int length][byte type][payload]}), and opened with the same HMAC {@link Handshake} as
 * the mesh, so nothing is deserialized from a stranger. The child dials; the parent accepts.
 *
 * <p>Child to parent: {@link #READY} (its mesh port), {@link #CAPTURE} (captured items, Kryo),
 * {@link #PROGRESS} (live counters, four a second while the parent watches, see
 * {@link ControlCodec#progress}), {@link #STATS} (binary), {@link #DONE}, {@link #FAILED} (JSON
 * {@link FailureReport}). Parent to child: {@link #ADDRESSES} (binary list).
 *
 * <p>The whole handshake has one deadline ({@value HandshakeHandler#TIMEOUT_SECONDS} s, as on the
 * mesh ports), not a timeout per read: a client that trickles a byte now and then is dropped
 * when the deadline passes.
 */
final class ControlConnection implements AutoCloseable {
    /** The parent's id in the handshake (children are 0..n-1). */
    static final int PARENT = 1_000_000;
    static final byte READY = 1;
    static final byte ADDRESSES = 2;
    static final byte CAPTURE = 3;
    static final byte STATS = 4;
    static final byte DONE = 5;
    static final byte FAILED = 6;
    static final byte PROGRESS = 7;
    static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(HandshakeHandler.TIMEOUT_SECONDS);
    private static final int MAX_FRAME = 256 * 1024 * 1024;

    /** One frame: its type and payload. */
    record Frame(byte type, byte[] payload) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final int peer;

    private ControlConnection(Socket socket, DataInputStream in, DataOutputStream out, int peer) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.peer = peer;
    }

    /** The child's side: proves itself to the parent as process {@code self}. */
    static ControlConnection dial(Socket socket, Handshake handshake, int self) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        long deadline = System.nanoTime() + HANDSHAKE_DEADLINE.toNanos();
        byte[] ownNonce = Handshake.nonce();
        out.writeInt(1 + 4 + 4 + 4 + Handshake.NONCE_LENGTH);
        out.writeByte(Handshake.HELLO);
        out.writeInt(Handshake.MAGIC);
        out.writeInt(self);
        out.writeInt(PARENT);
        out.write(ownNonce);
        out.flush();
        byte[] challenge = readHandshakeFrame(socket, in, deadline, HANDSHAKE_DEADLINE);
        DataInputStream c = new DataInputStream(new java.io.ByteArrayInputStream(challenge));
        if (c.readByte() != Handshake.CHALLENGE || c.readInt() != Handshake.MAGIC || c.readInt() != PARENT) {
            throw new IOException("the parent process did not answer with a Rivulet challenge");
        }
        byte[] parentNonce = c.readNBytes(Handshake.NONCE_LENGTH);
        byte[] mac = c.readNBytes(Handshake.MAC_LENGTH);
        if (!Handshake.matches(handshake.acceptorMac(ownNonce, parentNonce, self, PARENT), mac)) {
            throw new IOException("the parent process does not know this cluster's secret (HMAC mismatch)");
        }
        out.writeInt(1 + Handshake.MAC_LENGTH);
        out.writeByte(Handshake.PROOF);
        out.write(handshake.dialerMac(parentNonce, ownNonce, self, PARENT));
        out.flush();
        socket.setSoTimeout(0);
        return new ControlConnection(socket, in, out, PARENT);
    }

    /**
     * The parent's side: returns the authenticated child's connection, or throws (the caller
     * logs and drops the connection) for anything but a child of this cluster.
     */
    static ControlConnection accept(Socket socket, Handshake handshake, IntPredicate acceptableChild)
            throws IOException {
        return accept(socket, handshake, acceptableChild, HANDSHAKE_DEADLINE);
    }

    /** {@link #accept(Socket, Handshake, IntPredicate)} with a given deadline for the whole handshake. */
    static ControlConnection accept(Socket socket, Handshake handshake, IntPredicate acceptableChild,
            Duration within) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        long deadline = System.nanoTime() + within.toNanos();
        DataInputStream hello = new DataInputStream(new java.io.ByteArrayInputStream(
                readHandshakeFrame(socket, in, deadline, within)));
        if (hello.readByte() != Handshake.HELLO || hello.readInt() != Handshake.MAGIC) {
            throw new IOException("not a Rivulet cluster hello");
        }
        int child = hello.readInt();
        if (hello.readInt() != PARENT || !acceptableChild.test(child)) {
            throw new IOException("unexpected process id " + child);
        }
        byte[] childNonce = hello.readNBytes(Handshake.NONCE_LENGTH);
        byte[] ownNonce = Handshake.nonce();
        out.writeInt(1 + 4 + 4 + Handshake.NONCE_LENGTH + Handshake.MAC_LENGTH);
        out.writeByte(Handshake.CHALLENGE);
        out.writeInt(Handshake.MAGIC);
        out.writeInt(PARENT);
        out.write(ownNonce);
        out.write(handshake.acceptorMac(childNonce, ownNonce, child, PARENT));
        out.flush();
        DataInputStream proof = new DataInputStream(new java.io.ByteArrayInputStream(
                readHandshakeFrame(socket, in, deadline, within)));
        if (proof.readByte() != Handshake.PROOF) {
            throw new IOException("a malformed handshake proof");
        }
        byte[] mac = proof.readNBytes(Handshake.MAC_LENGTH);
        if (!Handshake.matches(handshake.dialerMac(ownNonce, childNonce, child, PARENT), mac)) {
            throw new IOException("a wrong cluster secret (HMAC mismatch) from a client claiming to be process "
                    + child);
        }
        socket.setSoTimeout(0);
        return new ControlConnection(socket, in, out, child);
    }

    private static byte[] readHandshakeFrame(Socket socket, DataInputStream in, long deadline, Duration within)
            throws IOException {
        int length = ByteBuffer.wrap(readFully(socket, in, 4, deadline, within)).getInt();
        if (length < 1 || length > Handshake.MAX_HANDSHAKE_FRAME) {
            throw new IOException("a handshake frame of " + length + " bytes");
        }
        return readFully(socket, in, length, deadline, within);
    }

    /** Reads {@code n} bytes before {@code deadline} ({@link System#nanoTime}), however they trickle in. */
    private static byte[] readFully(Socket socket, DataInputStream in, int n, long deadline, Duration within)
            throws IOException {
        byte[] bytes = new byte[n];
        int read = 0;
        while (read < n) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw noHandshake(within);
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int got;
            try {
                got = in.read(bytes, read, n - read);
            } catch (SocketTimeoutException e) {
                throw noHandshake(within);
            }
            if (got < 0) {
                throw new EOFException("the peer closed the connection during the handshake");
            }
            read += got;
        }
        return bytes;
    }

    private static IOException noHandshake(Duration within) {
        return new SocketTimeoutException("no complete handshake within "
                + (within.toMillis() % 1000 == 0 ? Long.toString(within.toSeconds()) : Double.toString(within.toMillis() / 1000.0))
                + " s");
    }

    /** The authenticated peer: a child's process id, or {@link #PARENT}. */
    int peer() {
        return peer;
    }

    /** Sends one frame; safe to call from several threads. */
    void send(byte type, byte[] payload) throws IOException {
        synchronized (out) {
            out.writeInt(1 + payload.length);
            out.writeByte(type);
            out.write(payload);
            out.flush();
        }
    }

    /** The next frame; {@link EOFException} when the peer closed the connection. */
    Frame read() throws IOException {
        int length = in.readInt();
        if (length < 1 || length > MAX_FRAME) {
            throw new IOException("a control frame of " + length + " bytes");
        }
        byte type = in.readByte();
        return new Frame(type, in.readNBytes(length - 1));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing more to do
        }
    }
}
