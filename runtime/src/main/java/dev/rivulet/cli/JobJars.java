package dev.rivulet.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The job's class path as jars, for an engine that ships jars to its cluster (Flink uploads the
 * job's jars to its blob server): jars as they are, each class directory packed into a temporary
 * jar deleted when this JVM exits.
 */
final class JobJars {
    private JobJars() {
    }

    static List<Path> of(List<Path> classpath) {
        List<Path> jars = new ArrayList<>();
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                jars.add(pack(entry));
            } else if (entry.toString().endsWith(".jar")) {
                jars.add(entry);
            }
        }
        return jars;
    }

    private static Path pack(Path dir) {
        try {
            Path jar = Files.createTempFile("rivulet-job-", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                    Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("could not pack the job's classes in " + dir + " into a jar", e);
        }
    }
}
