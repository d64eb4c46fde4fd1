package dev.rivulet.io;

import dev.rivulet.KV;
import dev.rivulet.StableHash;
import dev.rivulet.fn.MapFn;
import dev.rivulet.io.internals.TextFileWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes items as lines spread over {@code fileCount} files {@code part_0 … part_<n-1>} in a
 * directory (created if missing); see {@link Sinks#dir}.
 *
 * <p>An item goes to file {@code floorMod(assign(item), fileCount)}. The default assignment is
 * the {@link StableHash} of a {@link KV}'s key (so each key's items stay in one file and in
 * order) or of the item itself. Each file is a partition owned by one worker, so files are
 * written in parallel. Fresh runs replace the files and resumed runs truncate each to its
 * recorded length, as {@link FileSink} does.
 */
public final class DirSink<T> implements PartitionedSink<T, Long> {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final int fileCount;
    private final MapFn<? super T, ? extends Number> assign;
    private final MapFn<? super T, String> format;

    DirSink(Path dir, int fileCount, MapFn<? super T, ? extends Number> assign, MapFn<? super T, String> format) {
        if (fileCount < 1) {
            throw new IllegalArgumentException("Sinks.dir: fileCount must be at least 1, got " + fileCount);
        }
        this.dir = dir.toString();
        this.fileCount = fileCount;
        this.assign = assign;
        this.format = format;
    }

    /** The default assignment: a KV's key, else the item, by stable hash. */
    static long defaultAssignment(Object item) {
        Object key = item instanceof KV<?, ?> kv ? kv.key() : item;
        return StableHash.of(key);
    }

    @Override
    public List<String> listParts() {
        List<String> parts = new ArrayList<>(fileCount);
        for (int i = 0; i < fileCount; i++) {
            parts.add("part_" + i);
        }
        return parts;
    }

    @Override
    public String assignPart(T item) throws Exception {
        Number value = assign.apply(item);
        if (value == null) {
            throw new IllegalArgumentException("Sinks.dir: the file assignment returned null for " + item);
        }
        return "part_" + Math.floorMod(value.longValue(), (long) fileCount);
    }

    @Override
    public SinkPartition<T, Long> buildPart(String partKey, Long resumeState) throws Exception {
        return new TextFileWriter<>(Path.of(dir).resolve(partKey), format, resumeState);
    }
}
