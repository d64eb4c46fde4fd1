package dev.rivulet.engine;

import java.util.concurrent.atomic.AtomicLongArray;

/** Worker threads of one process: an {@link Inbox} each and a shared progress array. */
public final class LocalTransport implements Transport {
    /** Messages waiting in any inbox beyond which the sender's inputs pause. */
    static final int HIGH_WATER_MARK = 64;

    private final Inbox[] inboxes;
    private final AtomicLongArray progress;
    private volatile long clusterFrontier;

    public LocalTransport(int workers, long startEpoch) {
        inboxes = new Inbox[workers];
        progress = new AtomicLongArray(workers);
        for (int i = 0; i < workers; i++) {
            inboxes[i] = new Inbox();
            progress.set(i, startEpoch);
        }
        clusterFrontier = startEpoch;
    }

    @Override
    public int workerCount() {
        return inboxes.length;
    }

    @Override
    public Inbox inbox(int worker) {
        return inboxes[worker];
    }

    @Override
    public void send(int toWorker, Message message) {
        inboxes[toWorker].offer(message);
    }

    @Override
    public boolean congested(int fromWorker) {
        for (Inbox inbox : inboxes) {
            if (inbox.size() > HIGH_WATER_MARK) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void publishProgress(int worker, long frontier) {
        progress.set(worker, frontier);
        long min = Long.MAX_VALUE;
        for (int i = 0; i < progress.length(); i++) {
            min = Math.min(min, progress.get(i));
        }
        boolean changed;
        synchronized (this) {
            changed = min > clusterFrontier;
            if (changed) {
                clusterFrontier = min;
            }
        }
        if (changed) {
            wakeAll();
        }
    }

    @Override
    public long clusterFrontier() {
        return clusterFrontier;
    }

    @Override
    public void wakeAll() {
        for (Inbox inbox : inboxes) {
            inbox.wake();
        }
    }
}
