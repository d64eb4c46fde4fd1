package dev.rivulet.io.internals;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checks every file source makes, with messages that say what to do. */
public final class InputFiles {

    private InputFiles() {
    }

    /** Fails unless {@code file} is a readable regular file. */
    public static Path requireReadableFile(String what, Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(what + " `" + file + "` does not exist (working directory: "
                    + Path.of("").toAbsolutePath() + ")");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + " `" + file + "` is a directory; use Sources.dir(...) to read"
                    + " every file in it");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " `" + file + "` is not readable by this user");
        }
        return file;
    }

    /** Fails unless {@code dir} is an existing directory (the texts of Bytewax's DirInput). */
    public static Path requireDirectory(Path dir) {
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("input directory `" + dir + "` does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("input directory `" + dir + "` is not a directory");
        }
        return dir;
    }

}
