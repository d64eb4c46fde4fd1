package dev.rivulet.engine;

import dev.rivulet.KV;
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
 *
 * <p>A <em>keyed</em> batch ({@link #keys} not null) holds the items of a keyed stream as two
 * parallel arrays: item {@code i} is {@code KV(keys[i], items[i])}. {@code keyBy} emits them and
 * keyed steps and exchanges read them without a {@code KV} per item; everything else reads
 * {@link #item}, which makes the {@code KV} when it is asked for.
 */
public final class Batch {
    /** {@link #source} of a batch whose items may come from several partitions. */
    public static final int MIXED = -1;

    public final long epoch;
    /** The items, or for a keyed batch the values. */
    public final Object[] items;
    /** For a keyed batch, each item's key (parallel to {@link #items}); else null. */
    public final Object[] keys;
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
        this(epoch, null, items, size, source, times, marks);
    }

    /** @param keys each item's key for a keyed batch ({@code items} are then the values), or null */
    public Batch(long epoch, Object[] keys, Object[] items, int size, int source, long[] times, long[] marks) {
        this.epoch = epoch;
        this.keys = keys;
        this.items = items;
        this.size = size;
        this.source = source;
        this.times = times;
        this.marks = marks;
    }

    /** Item {@code i} as the stream has it: for a keyed batch, a new {@code KV} of its key and value. */
    public Object item(int i) {
        return keys == null ? items[i] : new KV<>(keys[i], items[i]);
    }

    /** A read-only list view, for handing the batch to user code without copying. */
    @SuppressWarnings("unchecked")
    public <T> List<T> asList() {
        return (List<T>) new View(this);
    }

    private static final class View extends AbstractList<Object> implements RandomAccess {
        private final Batch batch;

        View(Batch batch) {
            this.batch = batch;
        }

        @Override
        public Object get(int index) {
            if (index < 0 || index >= batch.size) {
                throw new IndexOutOfBoundsException(index);
            }
            return batch.item(index);
        }

        @Override
        public int size() {
            return batch.size;
        }
    }
}
