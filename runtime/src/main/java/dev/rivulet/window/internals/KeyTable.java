package dev.rivulet.window.internals;

import java.util.Arrays;

/**
 * The keys of one window step on one worker: an open-addressing table whose slots hold the
 * per-key entries themselves (each entry knows its key and hash), so finding a key's windows is
 * one array read and one key compare, with no map node in between. Linear probing; removal
 * shifts later entries back, so no tombstones accumulate as keys come and go.
 */
final class KeyTable<E extends KeyTable.Entry> {

    /** A per-key entry: its key and the key's spread hash code. */
    abstract static class Entry {
        final Object key;
        final int hash;

        Entry(Object key) {
            this.key = key;
            this.hash = spread(key.hashCode());
        }
    }

    private Entry[] slots = new Entry[64];
    private int size;

    static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B9;
    }

    @SuppressWarnings("unchecked")
    E get(Object key) {
        int h = spread(key.hashCode());
        Entry[] table = slots;
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Entry e = table[i];
            if (e == null) {
                return null;
            }
            if (e.hash == h && (e.key == key || e.key.equals(key))) {
                return (E) e;
            }
        }
    }

    /** Adds an entry whose key is not in the table. */
    void add(E entry) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        insert(slots, entry);
        size++;
    }

    private static void insert(Entry[] table, Entry entry) {
        int mask = table.length - 1;
        int i = entry.hash & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = entry;
    }

    private void grow() {
        Entry[] bigger = new Entry[slots.length * 2];
        for (Entry e : slots) {
            if (e != null) {
                insert(bigger, e);
            }
        }
        slots = bigger;
    }

    /** Removes {@code entry} (the very entry in the table), if present. */
    void remove(E entry) {
        Entry[] table = slots;
        int mask = table.length - 1;
        int i = entry.hash & mask;
        while (table[i] != entry) {
            if (table[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Shift back every later entry of the run that may not stay behind the hole.
        int hole = i;
        for (int j = (hole + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            int home = table[j].hash & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = null;
        size--;
    }

    int size() {
        return size;
    }

    /** For tests: whether every entry can be found from its home slot. */
    boolean consistent() {
        return Arrays.stream(slots).filter(e -> e != null).allMatch(e -> get(e.key) == e);
    }
}
