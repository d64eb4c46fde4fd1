package dev.rivulet.kernel;

import dev.rivulet.notebook.MagicUsageException;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %jars GLOB...}, {@code %classpath PATH...} and {@code %maven GROUP:ARTIFACT:VERSION...}:
 * add jars (and, for {@code %classpath}, class directories) to the notebook, for the compiler and
 * at run time.
 *
 * <pre>
 * %jars lib/*.jar
 * %classpath build/classes:lib/extra.jar
 * %maven org.apache.commons:commons-math3:3.6.1
 * </pre>
 */
final class ClasspathMagics {

    private ClasspathMagics() {
    }

    static void register(RivuletKernel kernel) {
        kernel.registerLineMagic("jars", Void.class, args -> {
            add(kernel, "%jars", args, true);
            return null;
        });
        kernel.registerLineMagic("classpath", Void.class, args -> {
            List<String> entries = new ArrayList<>();
            for (String arg : args) {
                entries.addAll(List.of(arg.split(File.pathSeparator)));
            }
            add(kernel, "%classpath", entries, false);
            return null;
        });
        kernel.registerLineMagic("maven", Void.class, args -> {
            if (args.isEmpty()) {
                throw new MagicUsageException("%maven needs coordinates, for example %maven org.apache.commons:commons-math3:3.6.1");
            }
            List<Path> jars;
            try {
                jars = MavenResolver.resolve(args);
            } catch (LinkageError missing) {
                throw new MagicUsageException("%maven is not available here: the Maven resolver is not on the kernel's"
                        + " class path (" + missing + "); download the jars and use %jars instead");
            }
            for (Path jar : jars) {
                kernel.addToClasspath(jar.toString());
            }
            System.out.println("%maven: added " + jars.size() + " jar" + (jars.size() == 1 ? "" : "s")
                    + " for " + String.join(" ", args));
            return null;
        });
    }

    private static void add(RivuletKernel kernel, String magic, List<String> patterns, boolean jarsOnly)
            throws Exception {
        if (patterns.isEmpty()) {
            throw new MagicUsageException(magic + " needs at least one path or glob, for example " + magic + " lib/*.jar");
        }
        int added = 0;
        for (String pattern : patterns) {
            if (pattern.isBlank()) {
                continue;
            }
            List<Path> matches = new ArrayList<>();
            Path plain = Path.of(pattern);
            if (Files.exists(plain)) {
                matches.add(plain);
            } else {
                GlobFinder finder = new GlobFinder(pattern);
                try {
                    for (Path p : jarsOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths()) {
                        matches.add(p);
                    }
                } catch (NoSuchFileException missingFolder) {
                    // reported below as "nothing matches"
                }
            }
            if (matches.isEmpty()) {
                throw new MagicUsageException(magic + ": nothing matches '" + pattern + "' (relative paths start at "
                        + Path.of("").toAbsolutePath() + ")");
            }
            for (Path p : matches) {
                if (jarsOnly && Files.isDirectory(p)) {
                    throw new MagicUsageException(magic + ": " + p + " is a directory; use %classpath for class directories");
                }
                kernel.addToClasspath(p.toAbsolutePath().toString());
                added++;
            }
        }
        System.out.println(magic + ": added " + added + " entr" + (added == 1 ? "y" : "ies") + " to the class path");
    }
}
