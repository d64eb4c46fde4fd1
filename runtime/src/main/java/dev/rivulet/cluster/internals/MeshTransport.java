package dev.rivulet.cluster.internals;

import dev.rivulet.RivuletException;
import dev.rivulet.engine.Inbox;
import dev.rivulet.engine.Message;
import dev.rivulet.engine.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import dev.rivulet.engine.ProgressBoard;

/**
 * The engine's {@link Transport} for one process of a cluster: workers of this process get
 * messages straight into their {@link Inbox}; messages for workers elsewhere are encoded on the
 * sending thread and written to the {@link Mesh}. Progress of every worker of the cluster is
 * kept here; local workers' progress is broadcast, remote progress arrives as frames.
 */
final class MeshTransport implements Transport {
    /** Messages waiting in a local inbox beyond which local inputs pause. */
    static final int HIGH_WATER_MARK = 64;
    /** Messages waiting in a local inbox beyond which reading from peers pauses. */
    static final int READ_PAUSE_MARK = 4 * HIGH_WATER_MARK;
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final int workerCount;
    private final int firstWorker;
    private final int workersPerProcess;
    private final int processId;
    private final Inbox[] inboxes;
    private final ProgressBoard progress;
    private final ClassLoader classLoader;
    private volatile Mesh mesh;

    MeshTransport(int processId, int processes, int workersPerProcess, ClassLoader classLoader) {
        this.processId = processId;
        this.workersPerProcess = workersPerProcess;
        this.workerCount = processes * workersPerProcess;
        this.firstWorker = processId * workersPerProcess;
        this.classLoader = classLoader;
        this.inboxes = new Inbox[workersPerProcess];
        for (int i = 0; i < workersPerProcess; i++) {
            inboxes[i] = new Inbox(HIGH_WATER_MARK, this::wakeAll);
        }
        this.progress = new ProgressBoard(workerCount, UNKNOWN);
    }

    void mesh(Mesh mesh) {
        this.mesh = mesh;
    }

    /** Every worker starts at {@code epoch} (progress that already arrived is kept). */
    void start(long epoch) {
        if (progress.raiseAll(epoch)) {
            wakeAll();
        }
    }

    @Override
    public int workerCount() {
        return workerCount;
    }

    boolean isLocal(int worker) {
        return worker >= firstWorker && worker < firstWorker + workersPerProcess;
    }

    @Override
    public Inbox inbox(int worker) {
        return inboxes[worker - firstWorker];
    }

    @Override
    public void send(int toWorker, Message message) {
        if (isLocal(toWorker)) {
            inbox(toWorker).offer(message);
            return;
        }
        ByteBuf frame;
        try {
            frame = MeshFrame.encodeMessage(ByteBufAllocator.DEFAULT, toWorker, message,
                    ItemSerializer.forThread(classLoader));
        } catch (RuntimeException e) {
            Object sample = message.batch == null || message.batch.size == 0 ? null : message.batch.item(0);
            throw new RivuletException("could not serialize items to send them to worker " + toWorker
                    + " in process " + toWorker / workersPerProcess + " (first item of the batch: "
                    + (sample == null ? "none" : sample.getClass().getName()) + "): " + e
                    + ". Items crossing processes are serialized with Kryo: use records, plain classes "
                    + "or standard collections, available on every process's classpath.", e);
        }
        mesh.send(toWorker / workersPerProcess, frame);
    }

    /** A message from another process for one of this process's workers. */
    void deliver(int toWorker, Message message) {
        if (isLocal(toWorker)) {
            inbox(toWorker).offer(message);
        }
    }

    @Override
    public boolean congested(int fromWorker) {
        for (Inbox inbox : inboxes) {
            if (inbox.size() > HIGH_WATER_MARK) {
                return true;
            }
        }
        Mesh current = mesh;
        return current != null && !current.writable();
    }

    boolean inboxesFull() {
        for (Inbox inbox : inboxes) {
            if (inbox.size() > READ_PAUSE_MARK) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void publishProgress(int worker, long frontier) {
        Mesh current = mesh;
        if (current != null) {
            current.broadcast(alloc -> MeshFrame.encodeProgress(alloc, worker, frontier));
        }
        remoteProgress(worker, frontier);
    }

    /** Progress of any worker of the cluster. */
    void remoteProgress(int worker, long frontier) {
        if (worker < 0 || worker >= workerCount) {
            return;
        }
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

    int processId() {
        return processId;
    }
}
