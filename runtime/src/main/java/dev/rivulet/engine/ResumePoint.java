package dev.rivulet.engine;

import java.io.Serializable;
import java.util.Collection;

/**
 * What the workers of a recovery store recorded about the previous execution, and so where the
 * next one starts. Processes of a cluster each read their own workers' records and combine them
 * with {@link #combine} before any worker starts.
 *
 * @param minFrontier the smallest frontier recorded by any worker (every epoch below it is
 *     complete everywhere); {@link Vertex#DONE} when every worker finished its input
 * @param allFinished whether every worker reached the end of its input
 * @param maxLastEpoch the largest epoch any worker used ({@code -1} when nothing was recorded)
 */
public record ResumePoint(long minFrontier, boolean allFinished, long maxLastEpoch) implements Serializable {

    /** A store with no records: start at epoch 0. */
    public static final ResumePoint FRESH = new ResumePoint(0, false, -1);

    /**
     * The epoch to start at: after a crash, the first epoch not completed by every worker; after
     * a clean end of input (a continuation), the epoch after the last one used, so new input
     * gets new epochs and nothing is read twice.
     */
    public long epoch() {
        return allFinished ? maxLastEpoch + 1 : minFrontier;
    }

    /** The resume point of a whole cluster from those of its processes. */
    public static ResumePoint combine(Collection<ResumePoint> points) {
        long min = Vertex.DONE;
        boolean finished = true;
        long last = -1;
        for (ResumePoint point : points) {
            min = Math.min(min, point.minFrontier);
            finished &= point.allFinished;
            last = Math.max(last, point.maxLastEpoch);
        }
        return points.isEmpty() ? FRESH : new ResumePoint(min, finished, last);
    }
}
