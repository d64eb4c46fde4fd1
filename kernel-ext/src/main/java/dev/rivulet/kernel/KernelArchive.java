package dev.rivulet.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the class-data archive ({@code kernel.jsa}) of an installed "Java (Rivulet)" kernelspec,
 * so that the kernel is {@code idle} within a second of starting.
 *
 * <p>A kernel JVM loads a few thousand classes from ~100 jars before it can answer Jupyter (the
 * kernel, ZeroMQ, Jackson), and many more for its first cell (JShell's compiler, Tablesaw, the
 * engine). Java's dynamic class-data sharing records the classes one run loaded; later JVMs map
 * them instead of reading and verifying them. This runs the kernel's own command line from
 * {@code kernel.json} once with {@code -XX:ArchiveClassesAtExit} and {@link KernelMain}'s warm-up
 * (JShell started, a small flow compiled, run and rendered) in place of a connection file.
 *
 * <pre>
 * jupyter kernelspec install --user --name rivulet /tmp/spec/rivulet
 * java -cp "$HOME/.local/share/jupyter/kernels/rivulet/lib/*" dev.rivulet.kernel.KernelArchive \
 *     "$HOME/.local/share/jupyter/kernels/rivulet"
 * </pre>
 *
 * <p>It must run on the installed folder: an archive is only used with the class path, jars and
 * JVM it was written with. When they differ (the jars were rebuilt, another JDK), the JVM ignores
 * the archive silently and starts as it would without it; running this again renews it.
 */
public final class KernelArchive {
    /** The archive's name inside the kernelspec folder; {@code kernel.json} points at it. */
    public static final String FILE_NAME = "kernel.jsa";
    /** {@link KernelMain}'s argument that makes it warm up and exit instead of serving Jupyter. */
    static final String WARM_UP = "--warm-up";

    private KernelArchive() {
    }

    /**
     * Writes {@code folder/kernel.jsa} for the kernelspec in {@code folder}; returns its path.
     *
     * @throws IOException when the warm-up run fails or does not end within two minutes (its
     *     output is in the message); an earlier archive is then left as it was
     */
    public static Path write(Path folder) throws IOException, InterruptedException {
        Path resourceDir = folder.toAbsolutePath().normalize();
        JsonNode spec = new ObjectMapper().readTree(resourceDir.resolve("kernel.json").toFile());
        Path partial = resourceDir.resolve(FILE_NAME + ".partial");
        Files.deleteIfExists(partial);
        List<String> command = new ArrayList<>();
        for (JsonNode node : spec.get("argv")) {
            String arg = node.asText().replace("{resource_dir}", resourceDir.toString());
            if (arg.startsWith("-XX:SharedArchiveFile=")) {
                arg = "-XX:ArchiveClassesAtExit=" + partial;
            } else if (arg.equals("{connection_file}")) {
                arg = WARM_UP;
            }
            command.add(arg);
        }
        Path log = Files.createTempFile("rivulet-kernel-archive", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new IOException("the kernel's warm-up run did not end within 2 minutes:\n" + Files.readString(log));
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(partial)) {
                throw new IOException("the kernel's warm-up run failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
        return Files.move(partial, resourceDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code KernelArchive <installed kernelspec folder>}: writes its archive, or exits 1 saying why. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp '<kernelspec>/lib/*' dev.rivulet.kernel.KernelArchive <kernelspec folder>");
            System.exit(2);
        }
        try {
            Path archive = write(Path.of(args[0]));
            System.out.printf("%s (%d MB)%n", archive, Files.size(archive) >> 20);
        } catch (IOException e) {
            System.err.println("no class-data archive written (the kernel still works, it only starts slower): "
                    + e.getMessage());
            System.exit(1);
        }
    }
}
