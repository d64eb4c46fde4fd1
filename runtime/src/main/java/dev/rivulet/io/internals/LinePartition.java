package dev.rivulet.io.internals;

import dev.rivulet.io.SourcePartition;
import java.nio.file.Path;
import java.util.List;

/**
 * A source partition over the lines of one file, resumable at a byte offset; each line goes
 * through a {@link Decoder} that turns it into an item or skips it.
 */
public final class LinePartition<T> implements SourcePartition<T, Long> {

    /** Turns one line into an item. */
    @FunctionalInterface
    public interface Decoder<T> {
        /**
         * @param line the line without its terminator
         * @param offset the byte offset where the line starts (for error messages)
         * @return the item, or {@code null} to skip the line
         */
        T decode(String line, long offset) throws Exception;
    }

    private final LineCursor cursor;
    private final Decoder<T> decoder;

    public LinePartition(Path file, Long resumeState, Decoder<T> decoder) throws Exception {
        this.cursor = new LineCursor(file, resumeState == null ? 0 : resumeState);
        this.decoder = decoder;
    }

    @Override
    public boolean nextBatch(List<? super T> out, int max) throws Exception {
        for (int i = 0; i < max; i++) {
            long start = cursor.offset();
            String line = cursor.next();
            if (line == null) {
                return false;
            }
            T item = decoder.decode(line, start);
            if (item != null) {
                out.add(item);
            }
        }
        return true;
    }

    @Override
    public Long snapshot() {
        return cursor.offset();
    }

    /** The file's size in bytes. */
    @Override
    public long estimatedSize() {
        return cursor.size();
    }

    /** The byte offset reached. */
    @Override
    public long consumed() {
        return cursor.offset();
    }

    @Override
    public void close() throws Exception {
        cursor.close();
    }
}
