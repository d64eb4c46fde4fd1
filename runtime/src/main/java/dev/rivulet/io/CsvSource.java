package dev.rivulet.io;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.rivulet.io.internals.InputFiles;
import dev.rivulet.io.internals.Json;
import dev.rivulet.io.internals.LineCursor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a CSV file with a header line; see {@link Sources#csv(Path)} and
 * {@link Sources#csv(Path, Class)}.
 *
 * <p>Each row becomes a {@code Map<String, String>} from header name to field (in header order),
 * or, given a type, that map converted by Jackson into a record or bean whose component names
 * match the header (numbers, booleans and ISO {@code java.time} values are converted from their
 * text). Quoted fields follow RFC 4180 and may contain separators and line breaks. Blank lines
 * are skipped. A row with a different number of fields from the header is an error naming its
 * byte offset. One partition; the resume position is the byte offset after the last row read.
 */
public final class CsvSource<T> implements PartitionedSource<T, Long> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final Class<T> type;
    private final char separator;

    CsvSource(Path path, Class<T> type, char separator) {
        InputFiles.requireReadableFile("CSV file", path);
        this.path = path.toString();
        this.type = type;
        this.separator = separator;
    }

    /**
     * The same source with another field separator.
     *
     * <pre>{@code
     * Sources.csv(Path.of("data/prices.csv")).withSeparator(';')
     * }</pre>
     */
    public CsvSource<T> withSeparator(char newSeparator) {
        return new CsvSource<>(Path.of(path), type, newSeparator);
    }

    @Override
    public List<String> listParts() {
        return List.of(path);
    }

    @Override
    public SourcePartition<T, Long> buildPart(String partKey, Long resumeState) throws Exception {
        Path file = InputFiles.requireReadableFile("CSV file", Path.of(path));
        return new RowPartition(file, resumeState);
    }

    /** Reads logical CSV records (which may span lines) and maps each to an item. */
    private final class RowPartition implements SourcePartition<T, Long> {
        private final ObjectReader rowReader;
        private final String[] header;
        private final LineCursor cursor;
        private final StringBuilder record = new StringBuilder();

        RowPartition(Path file, Long resumeState) throws IOException {
            CsvMapper mapper = new CsvMapper();
            this.rowReader = mapper.readerFor(String[].class)
                    .with(CsvSchema.emptySchema().withColumnSeparator(separator));
            try (LineCursor headerCursor = new LineCursor(file, 0)) {
                String first = nextRecord(headerCursor);
                if (first == null) {
                    throw new IllegalArgumentException("CSV file `" + path + "` is empty: the first line must be"
                            + " a header naming the columns");
                }
                this.header = parse(stripBom(first), 0);
                long rowsStart = headerCursor.offset();
                long start = resumeState == null ? rowsStart : Math.max(resumeState, rowsStart);
                this.cursor = new LineCursor(file, start);
            }
        }

        @Override
        public boolean nextBatch(List<? super T> out, int max) throws Exception {
            for (int i = 0; i < max; i++) {
                long start = cursor.offset();
                String text = nextRecord(cursor);
                if (text == null) {
                    return false;
                }
                if (!text.isBlank()) {
                    out.add(toItem(parse(text, start), start));
                }
            }
            return true;
        }

        /** The next logical record: lines joined while a quoted field is still open. */
        private String nextRecord(LineCursor lines) throws IOException {
            String line = lines.next();
            if (line == null || quoteParityEven(line)) {
                return line;
            }
            record.setLength(0);
            record.append(line);
            while (!quoteParityEven(record)) {
                String more = lines.next();
                if (more == null) {
                    throw new IllegalArgumentException("CSV file `" + path + "` ends inside a quoted field");
                }
                record.append('\n').append(more);
            }
            return record.toString();
        }

        private String[] parse(String text, long offset) throws IOException {
            String[] fields = rowReader.readValue(text);
            if (header != null && fields.length != header.length) {
                throw new IllegalArgumentException("the CSV row at byte " + offset + " of `" + path + "` has "
                        + fields.length + " fields but the header has " + header.length + " (" + String.join(
                                String.valueOf(separator), header) + "); wrong separator? use withSeparator(...)");
            }
            return fields;
        }

        @SuppressWarnings("unchecked")
        private T toItem(String[] fields, long offset) {
            Map<String, String> row = new LinkedHashMap<>(header.length * 2);
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields[i]);
            }
            if (type == null) {
                return (T) row;
            }
            try {
                return Json.MAPPER.convertValue(row, type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the CSV row at byte " + offset + " of `" + path
                        + "` cannot be read as " + type.getSimpleName() + ": " + row + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Long snapshot() {
            return cursor.offset();
        }

        @Override
        public long estimatedSize() {
            return cursor.size();
        }

        @Override
        public long consumed() {
            return cursor.offset();
        }

        @Override
        public void close() throws IOException {
            cursor.close();
        }
    }

    private static boolean quoteParityEven(CharSequence text) {
        int quotes = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quotes++;
            }
        }
        return (quotes & 1) == 0;
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
