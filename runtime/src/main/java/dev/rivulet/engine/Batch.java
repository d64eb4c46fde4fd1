package dev.rivulet.engine;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** Items of one epoch that move together. Never mutated after it is handed downstream. */
public final class Batch {
    public final long epoch;
    public final Object[] items;
    public final int size;

    public Batch(long epoch, Object[] items, int size) {
        this.epoch = epoch;
        this.items = items;
        this.size = size;
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
