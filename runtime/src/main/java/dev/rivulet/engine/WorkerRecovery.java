package dev.rivulet.engine;

import java.util.Map;
import java.util.function.Predicate;

/**
 * One worker's view of the recovery store. All methods are called on that worker's thread.
 *
 * <p>Call order: {@link #load} once per stateful step during start-up; then any number of
 * {@link #snapshot} calls for an epoch, always before the {@link #commit} whose frontier passes
 * that epoch.
 */
public interface WorkerRecovery {

    /**
     * The latest state before the resume epoch of every key of {@code stepId} that
     * {@code owned} accepts; discarded keys are absent.
     */
    Map<Object, Object> load(String stepId, Predicate<Object> owned);

    /** Records {@code key}'s state as of the end of {@code epoch}; {@code null} = discarded. */
    void snapshot(String stepId, Object key, long epoch, Object state);

    /**
     * This worker has finished every epoch below {@code frontier} ({@link Vertex#DONE} at the
     * end of input): make the snapshots of those epochs and the frontier durable, atomically,
     * before returning. Only then does the cluster learn of the progress.
     *
     * @param lastEpoch the largest epoch this worker has used so far (for continuations)
     * @param clusterFrontier the cluster-wide frontier known to this worker: no resume can start
     *     below it, so older snapshots superseded before it may be garbage-collected
     */
    void commit(long frontier, long lastEpoch, long clusterFrontier);
}
