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
        Files.createDirectories(folder);
        List<String> argv = new ArrayList<>(List.of(java.toString(),
                // Lets notebook-side tools read JShell internals (kernel-notes); harmless otherwise.
                "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
                "-cp", libDir.toAbsolutePath().normalize() + "/*",
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

    /** {@code KernelSpec <folder> [<lib dir>]}: writes the kernelspec; the lib dir defaults to this jar's folder. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java -cp 'kernel-ext/target/kernel/lib/*' dev.rivulet.kernel.KernelSpec <folder> [<lib dir>]");
            System.exit(2);
        }
        Path lib = args.length == 2 ? Path.of(args[1])
                : Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        System.out.println(write(Path.of(args[0]), lib, java));
    }
}
