package dev.rivulet.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers that make and compare recovery directories the way accidents leave them. */
final class DirectoryImages {

    private DirectoryImages() {
    }

    /** Every file of {@code dir} (recursively) with the SHA-256 of its bytes. */
    static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        if (!Files.exists(dir)) {
            return hashes;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                hashes.put(dir.relativize(file).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            }
        }
        return hashes;
    }

    /**
     * Copies {@code dir} to {@code image} as a {@code kill -9} leaves it: each worker file with a
     * write-ahead log holding a committed transaction not yet folded into the file (and its
     * {@code -shm}). The transaction only sets the header's {@code user_version}, so the image
     * holds the same recovery data as {@code dir}.
     */
    static void killedImage(Path dir, Path image) throws Exception {
        Files.createDirectories(image);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sqlite3")).toList()) {
                try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                        Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA journal_mode = WAL");
                    statement.execute("PRAGMA wal_autocheckpoint = 0");
                    statement.execute("PRAGMA user_version = 7");
                    Path target = image.resolve(file.getFileName());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    for (String suffix : new String[] {"-wal", "-shm"}) {
                        Path companion = Path.of(file + suffix);
                        if (Files.exists(companion)) {
                            Files.copy(companion, Path.of(target + suffix), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
        if (!Files.exists(image.resolve("worker-0.sqlite3-wal")) || Files.size(image.resolve("worker-0.sqlite3-wal")) == 0) {
            throw new IllegalStateException("the image has no write-ahead log with content");
        }
    }

    /** A consistent copy of one worker file taken with SQLite's online backup API. */
    static void backup(Path file, Path copy) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("backup to " + copy);
        }
    }

    /** Puts a backup back in place of a worker file, as an operator restoring it would. */
    static void restore(Path copy, Path file) throws IOException {
        Files.deleteIfExists(Path.of(file + "-wal"));
        Files.deleteIfExists(Path.of(file + "-shm"));
        Files.copy(copy, file, StandardCopyOption.REPLACE_EXISTING);
    }

    static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
