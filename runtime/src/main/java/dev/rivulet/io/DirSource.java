package dev.rivulet.io;

import dev.rivulet.io.internals.InputFiles;
import dev.rivulet.io.internals.LinePartition;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lines of every file in a directory whose path (relative to the directory, with {@code /}
 * separators) matches a glob; see {@link Sources#dir}.
 *
 * <p>One partition per file, named by that relative path, so the files are read in parallel by
 * the workers that own them and each resumes at its own byte offset. Lines of different files
 * interleave. The glob follows {@link java.nio.file.FileSystem#getPathMatcher}: {@code *} matches
 * within one directory level, {@code **} across levels ({@code "**.csv"} finds CSV files at any
 * depth). The set of files is read when each worker starts; it must be the same on every worker
 * and in every resumed run.
 */
public final class DirSource implements PartitionedSource<String, Long> {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final String glob;

    DirSource(Path dir, String glob) {
        InputFiles.requireDirectory(dir);
        FileSystems.getDefault().getPathMatcher("glob:" + glob); // fails early on a malformed glob
        this.dir = dir.toString();
        this.glob = glob;
    }

    @Override
    public List<String> listParts() throws IOException {
        Path root = InputFiles.requireDirectory(Path.of(dir));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(matcher::matches)
                    .map(relative -> relative.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public SourcePartition<String, Long> buildPart(String partKey, Long resumeState) throws Exception {
        Path file = InputFiles.requireReadableFile("input file", Path.of(dir).resolve(partKey));
        return new LinePartition<>(file, resumeState, (line, offset) -> line);
    }
}
