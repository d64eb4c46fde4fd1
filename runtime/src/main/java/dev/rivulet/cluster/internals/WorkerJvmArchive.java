package dev.rivulet.cluster.internals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Class-data sharing for worker JVMs: a child loads its ~3,000 classes (engine, Netty, Kryo,
 * Jackson) from a memory-mapped archive instead of parsing and verifying them, which roughly
 * halves its start-up.
 *
 * <p>The archive is made once per class path and JVM: when none exists, the first child of a
 * one-off cluster is started with {@code -XX:ArchiveClassesAtExit} and writes it as it exits (a
 * one-time delay of a second or two); when that child exited normally the file is moved into
 * place, and every later child starts with {@code -XX:SharedArchiveFile}. The archive's name is a
 * hash of the JVM and of every class path entry with its size and modification time, so a
 * rebuilt jar simply gets a new archive. Archives live in {@code ~/.cache/rivulet/cds} (or
 * {@code -Drivulet.cds.dir=…}); {@code -Drivulet.cds=false} turns this off.
 *
 * <p>HotSpot refuses to dump or use an archive when the class path holds a non-empty directory
 * (such as {@code target/classes}): then children start without one, as before.
 */
final class WorkerJvmArchive {
    private static final Set<Path> DUMPING = ConcurrentHashMap.newKeySet();

    private final Path archive;

    private WorkerJvmArchive(Path archive) {
        this.archive = archive;
    }

    /** The archive for children with {@code classpath}, or {@code null} when sharing cannot apply. */
    static WorkerJvmArchive forClasspath(String classpath) {
        if ("false".equals(System.getProperty("rivulet.cds")) || !isHotSpot()) {
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.home") + '\n' + System.getProperty("java.vm.version") + '\n')
                    .getBytes(StandardCharsets.UTF_8));
            for (String entry : classpath.split(File.pathSeparator)) {
                Path path = Path.of(entry);
                if (Files.isDirectory(path)) {
                    try (var children = Files.list(path)) {
                        if (children.findAny().isPresent()) {
                            return null;
                        }
                    }
                }
                boolean exists = Files.exists(path);
                long size = exists ? Files.size(path) : -1;
                long modified = exists ? Files.getLastModifiedTime(path).toMillis() : -1;
                digest.update((entry + '\n' + size + '\n' + modified + '\n').getBytes(StandardCharsets.UTF_8));
            }
            String name = HexFormat.of().formatHex(digest.digest()).substring(0, 24) + ".jsa";
            return new WorkerJvmArchive(directory().resolve(name));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isHotSpot() {
        String vm = System.getProperty("java.vm.name", "");
        return (vm.contains("HotSpot") || vm.contains("OpenJDK")) && Runtime.version().feature() >= 13;
    }

    private static Path directory() {
        String configured = System.getProperty("rivulet.cds.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("rivulet").resolve("cds");
    }

    /**
     * The JVM options for a child: use the archive if it exists; else, if {@code mayDump} and no
     * other child of this JVM is writing it, write it (then call {@link #childExited}).
     *
     * @return the options, and the file being written or {@code null}
     */
    Options options(boolean mayDump) {
        if (Files.isRegularFile(archive)) {
            return new Options(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
                    null);
        }
        if (!mayDump || !DUMPING.add(archive)) {
            return Options.NONE;
        }
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            DUMPING.remove(archive);
            return Options.NONE;
        }
        Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        return new Options(List.of("-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
                partial);
    }

    /**
     * The child that was writing {@code partial} exited: a normal exit (not a kill) means the
     * archive is complete, so it moves into place; otherwise it is dropped.
     */
    void childExited(Path partial, int exitValue) {
        try {
            if (exitValue < 128 && Files.size(partial) > 0) {
                try {
                    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            // no archive this time: the next one-off cluster tries again
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // a stray temporary file in the cache directory
            }
            DUMPING.remove(archive);
        }
    }

    Path path() {
        return archive;
    }

    /** Options to add to a child's command line, and the archive file it writes, if any. */
    record Options(List<String> jvmOptions, Path writing) {
        /** No class-data sharing: the child starts as any JVM would. */
        static final Options NONE = new Options(List.of(), null);
    }
}
