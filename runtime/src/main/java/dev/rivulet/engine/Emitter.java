package dev.rivulet.engine;

import java.util.function.Consumer;

/**
 * Collects the items an operator emits on one output port into batches stamped with the epoch
 * the vertex is working on, and hands each full batch downstream.
 */
public final class Emitter implements ItemSink {
    static final int DEFAULT_CAPACITY = 1024;

    private final Consumer<Batch> downstream;
    private final int capacity;
    private Object[] buffer;
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
        if (size == buffer.length) {
            flush();
        }
        buffer[size++] = item;
    }

    void flush() {
        if (size == 0) {
            return;
        }
        Batch batch = new Batch(epoch, buffer, size, source);
        buffer = new Object[capacity];
        size = 0;
        downstream.accept(batch);
    }
}
