package dev.rivulet.io;

import dev.rivulet.io.internals.InputFiles;
import dev.rivulet.io.internals.LinePartition;
import java.nio.file.Path;
import java.util.List;

/**
 * The lines of one UTF-8 text file, as strings without their line terminators; see
 * {@link Sources#lines}.
 *
 * <p>One partition, named after the path. Empty lines are items (Bytewax's FileInput stopped at
 * the first one). {@code \r\n} endings are read as {@code \n}. The resume position is the byte
 * offset after the last line read, so a resumed run continues mid-file without re-reading.
 */
public final class LinesSource implements PartitionedSource<String, Long> {
    private static final long serialVersionUID = 1L;

    private final String path;

    LinesSource(Path path) {
        InputFiles.requireReadableFile("input file", path);
        this.path = path.toString();
    }

    /** The file this source reads. */
    public Path path() {
        return Path.of(path);
    }

    @Override
    public List<String> listParts() {
        return List.of(path);
    }

    @Override
    public SourcePartition<String, Long> buildPart(String partKey, Long resumeState) throws Exception {
        if (!partKey.equals(path)) {
            throw new IllegalStateException("cannot resume reading `" + partKey + "` from a source that reads `"
                    + path + "`");
        }
        Path file = InputFiles.requireReadableFile("input file", Path.of(path));
        return new LinePartition<>(file, resumeState, (line, offset) -> line);
    }
}
