package dev.rivulet.window.internals;

import java.util.ArrayList;
import java.util.List;

/**
 * Session windows of one key, ordered by start. A session spans {@code [start, latest + gap)};
 * an item joins every open session it falls within a gap of, and sessions it bridges are merged
 * into the one with the smallest id, accumulators included (the reference loses one of them).
 */
public final class SessionWindows implements WindowSet {
    private static final long serialVersionUID = 1L;

    private final long gap;
    private final ArrayList<OpenWindow> sessions = new ArrayList<>();
    private long maxId;

    public SessionWindows(long gapMillis) {
        this.gap = gapMillis;
    }

    @Override
    public boolean insert(long time, Object value, long watermark, Aggregator aggregator) throws Exception {
        OpenWindow target = null;
        for (int i = 0; i < sessions.size(); i++) {
            OpenWindow session = sessions.get(i);
            boolean open = session.end > watermark;
            boolean overlaps = time < session.end && session.start < Millis.add(time, gap);
            if (!open || !overlaps) {
                continue;
            }
            if (target == null) {
                target = session;
            } else {
                absorb(target, session, aggregator);
                sessions.remove(i--);
            }
        }
        if (target == null) {
            if (time < watermark) {
                return true;
            }
            target = new OpenWindow(++maxId, time, Millis.add(time, gap));
            sessions.add(insertionPoint(time), target);
        } else if (time < target.start) {
            // The session now starts earlier: keep the list ordered by start.
            sessions.remove(target);
            target.start = time;
            sessions.add(insertionPoint(time), target);
        }
        target.latest = Math.max(target.latest, time);
        target.end = Millis.add(target.latest, gap);
        target.acc = aggregator.add(target.acc, value, time);
        return false;
    }

    private void absorb(OpenWindow into, OpenWindow other, Aggregator aggregator) throws Exception {
        boolean otherFirst = other.start < into.start;
        into.acc = otherFirst ? aggregator.merge(other.acc, into.acc) : aggregator.merge(into.acc, other.acc);
        into.id = Math.min(into.id, other.id);
        into.start = Math.min(into.start, other.start);
        into.latest = Math.max(into.latest, other.latest);
        into.end = Millis.add(into.latest, gap);
    }

    private int insertionPoint(long start) {
        int i = 0;
        while (i < sessions.size() && sessions.get(i).start <= start) {
            i++;
        }
        return i;
    }

    @Override
    public void drainClosed(long watermark, List<OpenWindow> closed) {
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).end <= watermark) {
                closed.add(sessions.remove(i--));
            }
        }
    }

    @Override
    public long nextClose() {
        long next = Long.MAX_VALUE;
        for (OpenWindow session : sessions) {
            next = Math.min(next, session.end);
        }
        return next;
    }

    @Override
    public boolean isEmpty() {
        return sessions.isEmpty();
    }

    @Override
    public boolean disposable() {
        return sessions.isEmpty() && maxId == 0;
    }

    /** The open sessions, in start order (for tests). */
    public List<OpenWindow> sessions() {
        return new ArrayList<>(sessions);
    }
}
