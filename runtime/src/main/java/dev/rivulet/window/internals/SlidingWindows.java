package dev.rivulet.window.internals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tumbling and sliding windows: window {@code i} is {@code [alignTo + i·offset, … + length)}.
 * Windows are kept by index, which is also their close order.
 */
public final class SlidingWindows implements WindowSet {
    private static final long serialVersionUID = 1L;

    private final long length;
    private final long offset;
    private final long alignTo;
    private final TreeMap<Long, OpenWindow> open = new TreeMap<>();
    // The window the previous item went to: consecutive items of a key usually share it.
    private transient OpenWindow last;

    public SlidingWindows(long lengthMillis, long offsetMillis, long alignToMillis) {
        this.length = lengthMillis;
        this.offset = offsetMillis;
        this.alignTo = alignToMillis;
    }

    /** The first window index whose window may contain {@code time}. */
    long firstIndex(long time) {
        return Math.floorDiv(Millis.sub(Millis.sub(time, alignTo), length), offset) + 1;
    }

    long startOf(long index) {
        long fromAlign;
        try {
            fromAlign = Math.multiplyExact(index, offset);
        } catch (ArithmeticException e) {
            fromAlign = index < 0 ? Millis.MIN : Millis.MAX;
        }
        return Millis.add(alignTo, fromAlign);
    }

    @Override
    public boolean insert(long time, Object value, long watermark, Aggregator aggregator) throws Exception {
        OpenWindow cached = last;
        if (length == offset && cached != null && cached.start <= time && time < cached.end && cached.end > watermark) {
            cached.acc = aggregator.add(cached.acc, value, time);
            return false;
        }
        boolean late = false;
        boolean accepted = false;
        for (long index = firstIndex(time); ; index++) {
            long start = startOf(index);
            if (start > time) {
                break;
            }
            long end = Millis.add(start, length);
            if (time >= end) {
                continue; // in a gap before this window (offset > length)
            }
            if (end <= watermark) {
                late = true;
                continue;
            }
            OpenWindow window = open.get(index);
            if (window == null) {
                window = new OpenWindow(index, start, end);
                open.put(index, window);
            }
            window.acc = aggregator.add(window.acc, value, time);
            last = window;
            accepted = true;
        }
        // Late only when every window of the item has closed: one open window takes it.
        return late && !accepted;
    }

    /** The windows {@code time} belongs to, as (index, end) pairs, for tests of the geometry. */
    public List<long[]> windowsOf(long time) {
        List<long[]> result = new java.util.ArrayList<>();
        for (long index = firstIndex(time); ; index++) {
            long start = startOf(index);
            if (start > time) {
                return result;
            }
            long end = Millis.add(start, length);
            if (time < end) {
                result.add(new long[] {index, end});
            }
        }
    }

    @Override
    public void drainClosed(long watermark, List<OpenWindow> closed) {
        while (!open.isEmpty()) {
            Map.Entry<Long, OpenWindow> first = open.firstEntry();
            if (first.getValue().end > watermark) {
                return;
            }
            open.pollFirstEntry();
            if (first.getValue() == last) {
                last = null;
            }
            closed.add(first.getValue());
        }
    }

    @Override
    public long nextClose() {
        return open.isEmpty() ? Long.MAX_VALUE : open.firstEntry().getValue().end;
    }

    @Override
    public boolean isEmpty() {
        return open.isEmpty();
    }
}
