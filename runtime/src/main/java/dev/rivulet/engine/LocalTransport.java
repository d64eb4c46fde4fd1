package dev.rivulet.engine;


/** Worker threads of one process: an {@link Inbox} each and a shared progress array. */
public final class LocalTransport implements Transport {
    /** Messages waiting in any inbox beyond which the sender's inputs pause. */
    static final int HIGH_WATER_MARK = 64;

    private final Inbox[] inboxes;
    private final ProgressBoard progress;

    public LocalTransport(int workers, long startEpoch) {
        inboxes = new Inbox[workers];
        progress = new ProgressBoard(workers, startEpoch);
        for (int i = 0; i < workers; i++) {
            inboxes[i] = new Inbox(HIGH_WATER_MARK, this::wakeAll);
        }
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
        if (progress.advance(worker, frontier)) {
            wakeAll();
        }
    }

    @Override
    public long clusterFrontier() {
        return progress.clusterFrontier();
    }

    @Override
    public void wakeAll() {
        for (Inbox inbox : inboxes) {
            inbox.wake();
        }
    }
}
