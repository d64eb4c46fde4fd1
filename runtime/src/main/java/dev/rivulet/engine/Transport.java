package dev.rivulet.engine;

/**
 * Moves messages between workers and shares their progress: the seam between the engine and
 * the in-process queues ({@link LocalTransport}) or a process mesh.
 *
 * <p>Guarantees an implementation must give: messages from one sender to one receiver arrive in
 * the order sent; {@link #send} never blocks indefinitely (back-pressure is signalled through
 * {@link #congested} instead, which inputs check before reading); progress published by a worker
 * becomes visible to every worker of the cluster.
 */
public interface Transport {

    /** Total number of workers in the cluster. */
    int workerCount();

    /** The inbox of a worker of this process. */
    Inbox inbox(int worker);

    /** Sends a message to {@code toWorker} (in this process or another). */
    void send(int toWorker, Message message);

    /** Whether messages from {@code fromWorker} are piling up: its inputs should wait. */
    boolean congested(int fromWorker);

    /** {@code worker} has completed every epoch below {@code frontier}. */
    void publishProgress(int worker, long frontier);

    /** The smallest frontier over all workers of the cluster: every epoch below it is complete. */
    long clusterFrontier();

    /** Wakes every local worker (for a stop or a progress change). */
    void wakeAll();
}
