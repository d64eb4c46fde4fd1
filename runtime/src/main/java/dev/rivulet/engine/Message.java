package dev.rivulet.engine;

/**
 * What crosses between workers: a batch for an exchange edge, the sender's new frontier on that
 * edge, or (on the edge into a window step with a data-driven clock) the sender's new event-time
 * watermark. Progress of whole workers travels separately (see {@link Transport#publishProgress}).
 */
public final class Message {
    public static final byte DATA = 0;
    public static final byte FRONTIER = 1;
    /** {@link #frontier} holds the sender's watermark. */
    public static final byte WATERMARK = 2;
    /** Every partition behind the sender is idle: leave it out of the minimum. */
    public static final byte IDLE = 3;

    public final int edgeId;
    public final int fromWorker;
    /** The batch, or null for a control message. */
    public final Batch batch;
    /** The frontier or the watermark. */
    public final long frontier;
    public final byte kind;

    private Message(int edgeId, int fromWorker, Batch batch, long frontier, byte kind) {
        this.edgeId = edgeId;
        this.fromWorker = fromWorker;
        this.batch = batch;
        this.frontier = frontier;
        this.kind = kind;
    }

    public static Message data(int edgeId, int fromWorker, Batch batch) {
        return new Message(edgeId, fromWorker, batch, -1, DATA);
    }

    public static Message frontier(int edgeId, int fromWorker, long frontier) {
        return new Message(edgeId, fromWorker, null, frontier, FRONTIER);
    }

    /** The sender's event-time watermark, or with {@code idle} that it has only idle partitions. */
    public static Message watermark(int edgeId, int fromWorker, long watermark, boolean idle) {
        return new Message(edgeId, fromWorker, null, watermark, idle ? IDLE : WATERMARK);
    }

    /** Whether this is a control message (frontier, watermark) rather than data. */
    public boolean isFrontier() {
        return batch == null;
    }
}
