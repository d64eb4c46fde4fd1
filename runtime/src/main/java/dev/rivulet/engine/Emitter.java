package dev.rivulet.engine;

import java.util.function.Consumer;

/**
 * Collects the items an operator emits on one output port into batches stamped with the epoch
 * the vertex is working on, and hands each full batch downstream.
 *
 * <p>Items pushed with {@link #pushKeyed} go into keyed batches (keys and values apart); a switch
 * between keyed and whole items (only a port fed by both, such as a {@code merge} of a keyed and
 * a plain stream, does that) ends the batch.
 */
public final class Emitter implements ItemSink {
    static final int DEFAULT_CAPACITY = 1024;

    private final Consumer<Batch> downstream;
    private final int capacity;
    private Object[] buffer;
    /** The keys of a keyed batch being collected, else null. */
    private Object[] keys;
    private int size;
    private long epoch;
    private int source = Batch.MIXED;

    Emitter(Consumer<Batch> downstream, int capacity) {
        this.downstream = downstream;
        this.capacity = capacity;
        this.buffer = new Object[capacity];
    }

    void epoch(long epoch) {
        if (size > 0 && epoch != this.epoch) {
            flush();
        }
        this.epoch = epoch;
    }

    /** The input partition the next items come from ({@link Batch#MIXED} if unknown). */
    void source(int source) {
        if (size > 0 && source != this.source) {
            flush();
        }
        this.source = source;
    }

    /** The epoch that emitted items are stamped with. */
    public long epoch() {
        return epoch;
    }

    @Override
    public void push(Object item) {
        emit(item);
    }

    public void emit(Object item) {
        if (keys != null) {
            flush();
            keys = null;
        }
        if (size == buffer.length) {
            flush();
        }
        buffer[size++] = item;
    }

    @Override
    public void pushKeyed(Object key, Object value) {
        if (keys == null) {
            flush();
            keys = new Object[capacity];
        } else if (size == buffer.length) {
            flush();
        }
        keys[size] = key;
        buffer[size++] = value;
    }

    void flush() {
        if (size == 0) {
            return;
        }
        Batch batch = new Batch(epoch, keys, buffer, size, source, null, null);
        buffer = new Object[capacity];
        if (keys != null) {
            keys = new Object[capacity];
        }
        size = 0;
        downstream.accept(batch);
    }
}
