package dev.rivulet.engine;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The frontier of every worker of a cluster and their minimum, the cluster frontier: every epoch
 * below it is complete everywhere. Shared by the transports; thread-safe.
 */
public final class ProgressBoard {
    private final AtomicLongArray progress;
    private volatile long clusterFrontier;

    public ProgressBoard(int workers, long startEpoch) {
        progress = new AtomicLongArray(workers);
        for (int i = 0; i < workers; i++) {
            progress.set(i, startEpoch);
        }
        clusterFrontier = startEpoch;
    }

    /**
     * Records that {@code worker} completed every epoch below {@code frontier} (frontiers only move
     * forward: an older, reordered report is ignored).
     *
     * @return whether the cluster frontier moved, so waiting workers should be woken
     */
    public boolean advance(int worker, long frontier) {
        progress.accumulateAndGet(worker, frontier, Math::max);
        return recompute();
    }

    private boolean recompute() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < progress.length(); i++) {
            min = Math.min(min, progress.get(i));
        }
        synchronized (this) {
            if (min > clusterFrontier) {
                clusterFrontier = min;
                return true;
            }
            return false;
        }
    }

    /** Raises every worker's frontier to at least {@code epoch} (a run starting there). */
    public boolean raiseAll(long epoch) {
        for (int i = 0; i < progress.length(); i++) {
            progress.accumulateAndGet(i, epoch, Math::max);
        }
        return recompute();
    }

    public long clusterFrontier() {
        return clusterFrontier;
    }
}
