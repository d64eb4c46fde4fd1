package dev.rivulet.cluster.internals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key every connection of one cluster proves it knows (HMAC-SHA256, see {@link Handshake}).
 * {@code spawnCluster} draws 32 random bytes and hands them to its children on their stdin;
 * {@code clusterMain} derives the key from the environment variable {@value #ENV}, or, when it
 * is unset, from the address list (which keeps out strays, not attackers; a warning says so).
 */
public final class ClusterSecret {
    /** The environment variable {@code clusterMain} reads the secret from. */
    public static final String ENV = "RIVULET_CLUSTER_SECRET";
    static final int LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecret.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private ClusterSecret(byte[] key) {
        this.key = key.clone();
    }

    /** A fresh random secret (for a cluster this process spawns). */
    public static ClusterSecret random() {
        byte[] key = new byte[LENGTH];
        RANDOM.nextBytes(key);
        return new ClusterSecret(key);
    }

    /** The secret with exactly these 32 bytes (as received by a spawned child). */
    public static ClusterSecret of(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a cluster secret has " + LENGTH + " bytes, got " + key.length);
        }
        return new ClusterSecret(key);
    }

    /** The key derived from a pass phrase: SHA-256 of its UTF-8 bytes. */
    public static ClusterSecret fromPassphrase(String passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        return new ClusterSecret(sha256("rivulet-cluster-secret\n" + passphrase));
    }

    /**
     * The secret for {@code clusterMain}: from {@value #ENV} when set (any non-empty text; every
     * process must have the same), otherwise derived from the address list with a warning.
     */
    public static ClusterSecret forClusterMain(List<String> addresses, String environmentValue) {
        if (environmentValue != null && !environmentValue.isEmpty()) {
            return fromPassphrase(environmentValue);
        }
        LOG.warn("{} is not set: the cluster secret is derived from the address list, which only keeps "
                + "out accidental connections, not attackers. Set {} to the same random text in every "
                + "process (for example: export {}=$(openssl rand -hex 32)).", ENV, ENV, ENV);
        return fromPassphrase("default:" + String.join(";", addresses));
    }

    byte[] key() {
        return key.clone();
    }

    /** The raw bytes, to hand to a child process (never log them). */
    public byte[] bytes() {
        return key.clone();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterSecret(hidden)";
    }
}
