package dev.rivulet.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rivulet.io.internals.InputFiles;
import dev.rivulet.io.internals.Json;
import dev.rivulet.io.internals.LinePartition;
import java.nio.file.Path;
import java.util.List;

/**
 * One JSON value per line, read into {@code type} by Jackson (records, maps, POJOs; {@code
 * java.time} values from ISO strings; unknown fields ignored); see {@link Sources#jsonLines}.
 * Blank lines are skipped. One partition; the resume position is a byte offset.
 */
public final class JsonLinesSource<T> implements PartitionedSource<T, Long> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final Class<T> type;

    JsonLinesSource(Path path, Class<T> type) {
        InputFiles.requireReadableFile("input file", path);
        this.path = path.toString();
        this.type = type;
    }

    @Override
    public List<String> listParts() {
        return List.of(path);
    }

    @Override
    public SourcePartition<T, Long> buildPart(String partKey, Long resumeState) throws Exception {
        Path file = InputFiles.requireReadableFile("input file", Path.of(path));
        return new LinePartition<>(file, resumeState, (line, offset) -> {
            if (line.isBlank()) {
                return null;
            }
            try {
                return Json.MAPPER.readValue(line, type);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the line at byte " + offset + " of `" + path
                        + "` is not a JSON " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
            }
        });
    }
}
