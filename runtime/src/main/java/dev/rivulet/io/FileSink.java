package dev.rivulet.io;

import dev.rivulet.fn.MapFn;
import dev.rivulet.io.internals.TextFileWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes every item as one line of a UTF-8 text file; see {@link Sinks#file} and
 * {@link Sinks#jsonLines}.
 *
 * <p>One partition, so all items pass through the worker that owns it, in epoch order. <b>A fresh
 * run replaces the file</b> (it is truncated when the run opens it, and the replacement is
 * logged); a resumed run truncates it to the length recorded at the last completed epoch and
 * appends from there, so with recovery the file holds each item exactly once. Written bytes are
 * forced to disk at every epoch close.
 */
public final class FileSink<T> implements PartitionedSink<T, Long> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final MapFn<? super T, String> format;

    FileSink(Path path, MapFn<? super T, String> format) {
        this.path = path.toString();
        this.format = format;
    }

    @Override
    public List<String> listParts() {
        return List.of(path);
    }

    @Override
    public String assignPart(T item) {
        return path;
    }

    @Override
    public SinkPartition<T, Long> buildPart(String partKey, Long resumeState) throws Exception {
        return new TextFileWriter<>(Path.of(path), format, resumeState);
    }
}
