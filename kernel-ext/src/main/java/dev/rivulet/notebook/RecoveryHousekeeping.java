package dev.rivulet.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code %rivulet_recovery list|clear [flow]}: the notebook's recovery directories,
 * {@code .rivulet/<notebook>/<flow>/} (see {@link Notebook#defaultRecoveryDir}).
 *
 * <pre>{@code
 * %rivulet_recovery list
 * %rivulet_recovery clear running-total
 * }</pre>
 */
public final class RecoveryHousekeeping {

    static final String USAGE = String.join("\n",
            "usage: %rivulet_recovery list | clear [flow]",
            "",
            "  list          the recovery directories of this notebook (.rivulet/<notebook>/<flow>/)",
            "  clear FLOW    delete the recovery state of one flow: its next run starts from scratch",
            "  clear         delete the recovery state of every flow of this notebook");

    private RecoveryHousekeeping() {
    }

    static Object magic(List<String> args) throws IOException {
        String text;
        if (args.isEmpty() || args.get(0).equals("list")) {
            text = list();
        } else if (args.get(0).equals("clear") && args.size() <= 2) {
            text = clear(args.size() == 2 ? args.get(1) : null);
        } else if (args.get(0).equals("-h") || args.get(0).equals("--help")) {
            text = USAGE;
        } else {
            throw new MagicUsageException("%rivulet_recovery: unknown arguments " + args + "\n\n" + USAGE);
        }
        Notebook.host().display(RichOutput.text(text));
        return null;
    }

    /** The notebook's recovery root: {@code .rivulet/<notebook>/}. */
    static Path root() {
        return Notebook.defaultRecoveryDir("x").getParent();
    }

    /** One line per flow directory with its size, or a note that there is none. */
    public static String list() throws IOException {
        Path root = root();
        if (!Files.isDirectory(root)) {
            return "no recovery state in " + root;
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> flows = Files.list(root)) {
            for (Path flow : flows.filter(Files::isDirectory).sorted().toList()) {
                lines.add(flow.getFileName() + "  " + size(flow) / 1024 + " KiB  " + flow);
            }
        }
        return lines.isEmpty() ? "no recovery state in " + root : String.join("\n", lines);
    }

    /** Deletes the recovery state of {@code flow} (every flow when {@code null}); says what it did. */
    public static String clear(String flow) throws IOException {
        Path target = flow == null ? root() : Notebook.defaultRecoveryDir(flow);
        // Only ever this notebook's root or one flow directory directly inside it.
        Path root = root().toAbsolutePath().normalize();
        Path resolved = target.toAbsolutePath().normalize();
        if (!(flow == null ? resolved.equals(root) : root.equals(resolved.getParent()))) {
            throw new IllegalArgumentException("refusing to clear " + target + ": not a flow directory of this notebook");
        }
        if (!Files.exists(target)) {
            return "nothing to clear: " + target + " does not exist";
        }
        long bytes = size(target);
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        return "cleared " + target + " (" + bytes / 1024 + " KiB): the next run of "
                + (flow == null ? "every flow of this notebook" : "'" + flow + "'") + " starts from scratch";
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
