package dev.rivulet.io.internals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a UTF-8 text file line by line from a byte offset, knowing the byte offset after every
 * line it returns — the resume position file sources snapshot.
 *
 * <p>A line ends at {@code \n}; a {@code \r} just before it is dropped too, so files written on
 * Windows read the same. Empty lines are lines. A last line without a terminator is a line. The
 * cursor reads the file as it is when reached: lines appended later are read if they arrive
 * before the cursor hits the end, and not after.
 */
public final class LineCursor implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final ByteArrayOutputStream spill = new ByteArrayOutputStream();
    private long offset;
    private boolean eof;

    /** Opens {@code file} positioned at {@code offset} (0 for the start). */
    public LineCursor(Path file, long offset) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        long size = channel.size();
        if (offset > size) {
            channel.close();
            throw new IOException("cannot resume reading `" + file + "` at byte " + offset
                    + ": the file has only " + size + " bytes now; was it replaced or truncated"
                    + " since the last run? Restore it, or start with an empty recovery directory");
        }
        channel.position(offset);
        this.offset = offset;
        buffer.flip(); // empty, in read mode
    }

    /** The byte offset just after the last line returned (the start offset before any). */
    public long offset() {
        return offset;
    }

    /** The file's size in bytes now, or {@code -1} when it cannot be read. */
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The next line without its terminator, or {@code null} at the end of the file. */
    public String next() throws IOException {
        spill.reset();
        while (true) {
            if (!buffer.hasRemaining()) {
                if (eof || !fill()) {
                    eof = true;
                    if (spill.size() == 0) {
                        return null;
                    }
                    byte[] rest = spill.toByteArray();
                    offset += rest.length;
                    return decode(rest, 0, rest.length);
                }
            }
            byte[] array = buffer.array();
            int start = buffer.position();
            int limit = buffer.limit();
            for (int i = start; i < limit; i++) {
                if (array[i] == '\n') {
                    buffer.position(i + 1);
                    if (spill.size() == 0) {
                        offset += i + 1 - start;
                        return decode(array, start, i - start);
                    }
                    spill.write(array, start, i - start);
                    byte[] line = spill.toByteArray();
                    offset += line.length + 1;
                    return decode(line, 0, line.length);
                }
            }
            spill.write(array, start, limit - start);
            buffer.position(limit);
        }
    }

    private boolean fill() throws IOException {
        buffer.clear();
        int read = channel.read(buffer);
        buffer.flip();
        return read > 0;
    }

    private static String decode(byte[] bytes, int from, int length) {
        if (length > 0 && bytes[from + length - 1] == '\r') {
            length--;
        }
        return new String(bytes, from, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
