package dev.rivulet.engine;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Items of one epoch that move together. Never mutated after it is handed downstream.
 *
 * <p>Batches into a window step with a data-driven watermark also carry, per item, its event
 * time and the watermark of its input partition just before it ({@link #times}, {@link #marks}),
 * computed where the partition is still known. {@link #source} names the input partition every
 * item of the batch comes from, while that is known (on the worker that read it, through
 * stateless steps).
 */
public final class Batch {
    /** {@link #source} of a batch whose items may come from several partitions. */
    public static final int MIXED = -1;

    public final long epoch;
    public final Object[] items;
    public final int size;
    public final int source;
    /** Event time (epoch millis) of each item, or null. */
    public final long[] times;
    /** The item's partition watermark just before it, or null. */
    public final long[] marks;

    public Batch(long epoch, Object[] items, int size) {
        this(epoch, items, size, MIXED, null, null);
    }

    public Batch(long epoch, Object[] items, int size, int source) {
        this(epoch, items, size, source, null, null);
    }

    public Batch(long epoch, Object[] items, int size, int source, long[] times, long[] marks) {
        this.epoch = epoch;
        this.items = items;
        this.size = size;
        this.source = source;
        this.times = times;
        this.marks = marks;
    }

    /** A read-only list view, for handing the batch to user code without copying. */
    @SuppressWarnings("unchecked")
    public <T> List<T> asList() {
        return (List<T>) new View(items, size);
    }

    private static final class View extends AbstractList<Object> implements RandomAccess {
        private final Object[] items;
        private final int size;

        View(Object[] items, int size) {
            this.items = items;
            this.size = size;
        }

        @Override
        public Object get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return items[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
