package dev.rivulet.io.internals;

import dev.rivulet.fn.MapFn;
import dev.rivulet.io.SinkPartition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output file of a file or directory sink: formats each item as one line, and snapshots the
 * byte length written so far.
 *
 * <p>Opening truncates the file to the resume position (0 on a fresh run), so items written after
 * the last completed epoch of a crashed run are removed before they are written again: the file
 * holds every item exactly once. {@link #snapshot()} forces the bytes to disk before it reports
 * their length, so a recorded position never points past durable data.
 */
public final class TextFileWriter<T> implements SinkPartition<T, Long> {
    private static final Logger LOG = LoggerFactory.getLogger(TextFileWriter.class);

    private final Path file;
    private final MapFn<? super T, String> format;
    private final FileChannel channel;
    private final StringBuilder text = new StringBuilder();
    private long position;

    public TextFileWriter(Path file, MapFn<? super T, String> format, Long resumeState) throws IOException {
        this.file = file;
        this.format = format;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long size = channel.size();
        long start = resumeState == null ? 0 : resumeState;
        if (start > size) {
            channel.close();
            throw new IOException("cannot resume writing `" + file + "` at byte " + start
                    + ": the file has only " + size + " bytes now; was it changed outside Rivulet?"
                    + " Restore it, or start with an empty recovery directory");
        }
        if (resumeState == null && size > 0) {
            LOG.info("replacing the existing {} ({} bytes): a fresh run rewrites its output files", file, size);
        }
        channel.truncate(start);
        channel.position(start);
        this.position = start;
    }

    @Override
    public void write(List<? extends T> items) throws Exception {
        text.setLength(0);
        for (T item : items) {
            String line = format.apply(item);
            text.append(line).append('\n');
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(text));
        while (bytes.hasRemaining()) {
            position += channel.write(bytes);
        }
    }

    @Override
    public Long snapshot() throws IOException {
        channel.force(false);
        return position;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
