package dev.rivulet.window.internals;

import java.util.ArrayList;
import java.util.List;

/**
 * Tumbling and sliding windows: window {@code i} is {@code [alignTo + i·offset, … + length)}.
 * Open windows are kept in a list sorted by index, which is also their close order: a key has
 * only a few open at a time, so a scan from the newest beats a tree (no boxed index, no node).
 */
public final class SlidingWindows implements WindowSet {
    private static final long serialVersionUID = 1L;

    private final long length;
    private final long offset;
    private final long alignTo;
    private final ArrayList<OpenWindow> open = new ArrayList<>(4);
    // The window the previous item went to: consecutive items of a key usually share it.
    private transient OpenWindow last;
    // A closed window handed back by the operator, reused for the next window opened (tumbling
    // windows of a busy key open one per length): no new window and accumulator each time.
    private transient OpenWindow spare;

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
            OpenWindow window = find(index, start, end);
            window.acc = aggregator.add(window.acc, value, time);
            last = window;
            accepted = true;
        }
        // Late only when every window of the item has closed: one open window takes it.
        return late && !accepted;
    }

    /** The window the last accepted item joined (for tumbling windows, its only one), or null. */
    OpenWindow lastJoined() {
        return last;
    }

    /** The open window of {@code index}, created (in index order) if it is not open yet. */
    private OpenWindow find(long index, long start, long end) {
        int i = open.size() - 1;
        while (i >= 0 && open.get(i).id > index) {
            i--;
        }
        if (i >= 0 && open.get(i).id == index) {
            return open.get(i);
        }
        OpenWindow window = spare;
        if (window != null) {
            spare = null;
            window.reopen(index, start, end);
        } else {
            window = new OpenWindow(index, start, end);
        }
        open.add(i + 1, window);
        return window;
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
        int n = 0;
        while (n < open.size() && open.get(n).end <= watermark) {
            OpenWindow first = open.get(n++);
            if (first == last) {
                last = null;
            }
            closed.add(first);
        }
        if (n == 1) {
            open.remove(0); // the usual case, without a sub-list view
        } else if (n > 0) {
            open.subList(0, n).clear();
        }
    }

    @Override
    public void recycle(OpenWindow window) {
        spare = window;
    }

    @Override
    public long nextClose() {
        return open.isEmpty() ? Long.MAX_VALUE : open.get(0).end;
    }

    @Override
    public boolean isEmpty() {
        return open.isEmpty();
    }
}
