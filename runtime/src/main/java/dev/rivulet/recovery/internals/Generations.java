package dev.rivulet.recovery.internals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The generations of a recovery directory. A generation is one set of worker files written for
 * one worker count: generation 0 is the directory itself ({@code worker-<i>.sqlite3}, the layout
 * of every directory that was never rescaled); a run that changes the worker count writes
 * generation {@code n} in the sub-directory {@code gen-<n>-<id>} ({@code id}: a random id of that
 * attempt, so an attempt killed half-way can never be mistaken for, or mixed with, a later one).
 *
 * <p>A generation is named by its directory relative to the recovery directory ({@code ""} for
 * generation 0), which is the same on every process of a cluster.
 */
final class Generations {
    private static final Pattern GENERATION = Pattern.compile("gen-(\\d+)-([0-9a-zA-Z]+)");
    private static final Pattern WORKER_FILE = Pattern.compile("worker-(\\d+)\\.sqlite3");

    /** The name of generation 0: the recovery directory itself. */
    static final String BASE = "";

    private Generations() {
    }

    /** The generation's number: 0 for {@link #BASE}, {@code n} for {@code gen-<n>-<id>}. */
    static long number(String generation) {
        if (generation.isEmpty()) {
            return 0;
        }
        Matcher matcher = GENERATION.matcher(generation);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a generation directory: " + generation);
        }
        return Long.parseLong(matcher.group(1));
    }

    static String name(long number, String attemptId) {
        String id = attemptId.replaceAll("[^0-9a-zA-Z]", "");
        return "gen-" + number + "-" + (id.isEmpty() ? "0" : id.substring(0, Math.min(8, id.length())));
    }

    /** Orders generations by number (ties, which no run makes, by name). */
    static final Comparator<String> ORDER = Comparator.comparingLong(Generations::number)
            .thenComparing(Comparator.naturalOrder());

    static Path directoryOf(Path recoveryDirectory, String generation) {
        return generation.isEmpty() ? recoveryDirectory : recoveryDirectory.resolve(generation);
    }

    static Path fileOf(Path recoveryDirectory, String generation, int worker) {
        return directoryOf(recoveryDirectory, generation).resolve("worker-" + worker + ".sqlite3");
    }

    /** Every generation present in {@code directory}, {@link #BASE} first. */
    static List<String> list(Path directory) throws IOException {
        List<String> generations = new ArrayList<>();
        generations.add(BASE);
        if (!Files.isDirectory(directory)) {
            return generations;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (Files.isDirectory(entry) && GENERATION.matcher(entry.getFileName().toString()).matches()) {
                    generations.add(entry.getFileName().toString());
                }
            }
        }
        generations.sort(ORDER);
        return generations;
    }

    /** The worker indices with a file in {@code directory}, sorted. */
    static List<Integer> workerFilesIn(Path directory) throws IOException {
        List<Integer> workers = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return workers;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher matcher = WORKER_FILE.matcher(entry.getFileName().toString());
                if (matcher.matches()) {
                    workers.add(Integer.parseInt(matcher.group(1)));
                }
            }
        }
        workers.sort(null);
        return workers;
    }

    /**
     * Deletes a generation that is no longer needed: its worker files with their write-ahead logs
     * (the logs first, so a kill half-way never leaves a file whose log is gone but that still
     * looks current — and the generation is stale anyway) and, for {@code gen-*}, the directory.
     */
    static void delete(Path recoveryDirectory, String generation) throws IOException {
        Path dir = directoryOf(recoveryDirectory, generation);
        for (int worker : workerFilesIn(dir)) {
            Path file = fileOf(recoveryDirectory, generation, worker);
            Files.deleteIfExists(Path.of(file + "-wal"));
            Files.deleteIfExists(Path.of(file + "-shm"));
            Files.deleteIfExists(file);
        }
        if (!generation.isEmpty() && Files.isDirectory(dir)) {
            try (Stream<Path> rest = Files.list(dir)) {
                for (Path entry : rest.toList()) {
                    Files.deleteIfExists(entry);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
