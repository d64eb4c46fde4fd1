package dev.rivulet.window.internals;

import java.util.Arrays;

/**
 * A min-heap of (time, payload) timers in two parallel arrays: one per worker and window step,
 * so scheduling a window's close costs no object and no hash lookup.
 */
final class TimerHeap<T> {
    private long[] times = new long[64];
    private Object[] payloads = new Object[64];
    private int size;

    void push(long time, T payload) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            payloads = Arrays.copyOf(payloads, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (times[parent] <= time) {
                break;
            }
            times[i] = times[parent];
            payloads[i] = payloads[parent];
            i = parent;
        }
        times[i] = time;
        payloads[i] = payload;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest time; only when not empty. */
    long peekTime() {
        return times[0];
    }

    /** Removes the earliest timer and returns its payload. */
    @SuppressWarnings("unchecked")
    T poll() {
        T top = (T) payloads[0];
        int last = --size;
        long time = times[last];
        Object payload = payloads[last];
        payloads[last] = null;
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < last && times[child + 1] < times[child]) {
                child++;
            }
            if (time <= times[child]) {
                break;
            }
            times[i] = times[child];
            payloads[i] = payloads[child];
            i = child;
        }
        if (last > 0) {
            times[i] = time;
            payloads[i] = payload;
        }
        return top;
    }
}
