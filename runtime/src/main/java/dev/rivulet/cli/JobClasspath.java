package dev.rivulet.cli;

import dev.rivulet.Dataflow;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The extra classpath of a job ({@code --classpath}): jars and class directories separated by the
 * platform's path separator ({@code :} on Unix, {@code ;} on Windows); {@code dir/*} means every
 * jar in {@code dir}, as with {@code java -cp}.
 *
 * <pre>{@code
 * List<Path> entries = JobClasspath.parse("build/classes:lib/*");
 * }</pre>
 */
public final class JobClasspath {

    private JobClasspath() {
    }

    /**
     * The entries of {@code classpath} ({@code null} or blank = none), with {@code dir/*}
     * expanded to the jars of {@code dir} in name order.
     *
     * @throws UsageException when an entry does not exist
     */
    public static List<Path> parse(String classpath) {
        List<Path> entries = new ArrayList<>();
        if (classpath == null || classpath.isBlank()) {
            return entries;
        }
        for (String part : classpath.split(File.pathSeparator)) {
            if (part.isBlank()) {
                continue;
            }
            String entry = part.trim();
            if (entry.endsWith("*") && (entry.length() == 1 || entry.endsWith(File.separator + "*"))) {
                Path dir = Path.of(entry.length() == 1 ? "." : entry.substring(0, entry.length() - 2));
                entries.addAll(jarsIn(dir, entry));
                continue;
            }
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw new UsageException("--classpath entry '" + entry + "' does not exist (working"
                        + " directory: " + Path.of("").toAbsolutePath() + "); list existing jars or"
                        + " class directories separated by '" + File.pathSeparator + "'");
            }
            entries.add(path);
        }
        return entries;
    }

    private static List<Path> jarsIn(Path dir, String entry) {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--classpath entry '" + entry + "': " + dir + " is not a directory");
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            throw new UsageException("--classpath entry '" + entry + "': cannot list " + dir + ": " + e, e);
        }
        jars.sort(null);
        return jars;
    }

    /** {@code entries} as class-loader URLs. */
    public static URL[] urls(List<Path> entries) {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UsageException("--classpath entry '" + entries.get(i) + "' is not a valid path", e);
            }
        }
        return urls;
    }

    /**
     * The classpath to compile a job's source file against: this JVM's classpath, the location
     * of the Rivulet runtime (which may differ when Rivulet is embedded), then {@code extra}.
     */
    public static String forCompiler(List<Path> extra) {
        Set<String> parts = new LinkedHashSet<>();
        for (String part : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!part.isBlank()) {
                parts.add(part);
            }
        }
        try {
            parts.add(Path.of(Dataflow.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString());
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loaders): the JVM classpath has to do
        }
        for (Path path : extra) {
            parts.add(path.toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, parts);
    }
}
