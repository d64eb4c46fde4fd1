package dev.rivulet.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the Jupyter kernelspec of the "Java (Rivulet)" kernel ({@code kernel.json}) into a
 * folder, for {@code jupyter kernelspec install} (install.sh) and for tests.
 *
 * <pre>
 * java -cp 'kernel-ext/target/kernel/lib/*' dev.rivulet.kernel.KernelSpec /tmp/spec/rivulet
 * jupyter kernelspec install --user --name rivulet /tmp/spec/rivulet
 * </pre>
 */
public final class KernelSpec {

    /** The kernelspec name ({@code jupyter kernelspec list} shows it). */
    public static final String NAME = "rivulet";
    /** What front ends show in their kernel pickers. */
    public static final String DISPLAY_NAME = "Java (Rivulet)";

    private KernelSpec() {
    }

    /**
     * Writes {@code folder/kernel.json}: the kernel runs {@code java} with every jar of
     * {@code libDir} on its class path; interrupts arrive as messages (a signal would end the JVM).
     */
    public static Path write(Path folder, Path libDir, Path java) throws IOException {
        return write(folder, libDir.toAbsolutePath().normalize() + "/*", java);
    }

    /**
     * Writes {@code folder/kernel.json} with the class path {@code classPath} as given (for
     * example {@code {resource_dir}/lib/*}, which Jupyter expands to the installed spec's folder).
     */
    public static Path write(Path folder, String classPath, Path java) throws IOException {
        Files.createDirectories(folder);
        List<String> argv = new ArrayList<>(List.of(java.toString(),
                // Lets notebook-side tools read JShell internals (kernel-notes); harmless otherwise.
                "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
                // Maps the classes a kernel loads from an archive KernelArchive writes at install
                // time: the kernel is idle sooner. A missing or outdated archive is ignored.
                "-XX:SharedArchiveFile={resource_dir}/" + KernelArchive.FILE_NAME,
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-cp", classPath,
                KernelMain.class.getName(), "{connection_file}"));
        StringBuilder json = new StringBuilder("{\n  \"argv\": [");
        for (int i = 0; i < argv.size(); i++) {
            json.append(i > 0 ? ", " : "").append(quote(argv.get(i)));
        }
        json.append("],\n  \"display_name\": ").append(quote(DISPLAY_NAME))
                .append(",\n  \"language\": \"java\",\n  \"interrupt_mode\": \"message\",\n  \"env\": {}\n}\n");
        Path file = folder.resolve("kernel.json");
        Files.writeString(file, json);
        return file;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * {@code KernelSpec <folder> [<lib dir> | --bundled]}: writes the kernelspec for this JVM's
     * {@code java}. The lib dir defaults to this jar's folder; {@code --bundled} uses
     * {@code {resource_dir}/lib/*}, for a spec folder that carries its own {@code lib/}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java -cp 'kernel-ext/target/kernel/lib/*' dev.rivulet.kernel.KernelSpec <folder> [<lib dir> | --bundled]");
            System.exit(2);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (args.length == 2 && args[1].equals("--bundled")) {
            System.out.println(write(Path.of(args[0]), "{resource_dir}/lib/*", java));
            return;
        }
        Path lib = args.length == 2 ? Path.of(args[1])
                : Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        System.out.println(write(Path.of(args[0]), lib, java));
    }
}
