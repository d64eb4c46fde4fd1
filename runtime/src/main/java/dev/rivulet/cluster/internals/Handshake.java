package dev.rivulet.cluster.internals;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The challenge–response that opens every cluster connection, before any byte is deserialized.
 * Both sides prove they know the cluster secret without sending it, and each proof is bound to
 * both fresh nonces and both process ids, so it cannot be replayed on another connection.
 *
 * <pre>
 *  dialer (process d)                              acceptor (process a)
 *    HELLO     magic, d, a, nonceD        ─────▶
 *                                         ◀─────   CHALLENGE  magic, a, nonceA, mac("acceptor", nonceD, nonceA, d, a)
 *    (checks the acceptor's mac)
 *    PROOF     mac("dialer", nonceA, nonceD, d, a) ─▶
 *                                                  (checks the dialer's mac; anything else: drop)
 * </pre>
 *
 * <p>Used by the Netty mesh ({@link HandshakeHandler}) and the blocking control connection of
 * spawned children ({@link ControlConnection}).
 */
public final class Handshake {
    private static final String ALGORITHM = "HmacSHA256";
    /** Identifies the protocol and its version. */
    static final int MAGIC = 0x52564C31; // "RVL1"
    static final int NONCE_LENGTH = 32;
    static final int MAC_LENGTH = 32;
    /** The longest frame accepted before a connection is authenticated. */
    static final int MAX_HANDSHAKE_FRAME = 256;
    static final byte HELLO = 1;
    static final byte CHALLENGE = 2;
    static final byte PROOF = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClusterSecret secret;

    public Handshake(ClusterSecret secret) {
        this.secret = secret;
    }

    static byte[] nonce() {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** What the acceptor sends to prove itself. */
    byte[] acceptorMac(byte[] dialerNonce, byte[] acceptorNonce, int dialer, int acceptor) {
        return mac("acceptor", dialerNonce, acceptorNonce, dialer, acceptor);
    }

    /** What the dialer sends to prove itself. */
    byte[] dialerMac(byte[] acceptorNonce, byte[] dialerNonce, int dialer, int acceptor) {
        return mac("dialer", acceptorNonce, dialerNonce, dialer, acceptor);
    }

    /** Constant-time comparison, so timing reveals nothing about the expected value. */
    static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    private byte[] mac(String role, byte[] first, byte[] second, int dialer, int acceptor) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.key(), ALGORITHM));
            mac.update(role.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            mac.update(first);
            mac.update(second);
            mac.update(ByteBuffer.allocate(8).putInt(dialer).putInt(acceptor).array());
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
