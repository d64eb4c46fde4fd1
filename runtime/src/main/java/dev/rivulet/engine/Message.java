package dev.rivulet.engine;

/**
 * What crosses between workers: a batch for an exchange edge, or the sender's new frontier on
 * that edge. Progress of whole workers travels separately (see {@link Transport#publishProgress}).
 */
public final class Message {
    public final int edgeId;
    public final int fromWorker;
    /** The batch, or null for a frontier message. */
    public final Batch batch;
    public final long frontier;

    private Message(int edgeId, int fromWorker, Batch batch, long frontier) {
        this.edgeId = edgeId;
        this.fromWorker = fromWorker;
        this.batch = batch;
        this.frontier = frontier;
    }

    public static Message data(int edgeId, int fromWorker, Batch batch) {
        return new Message(edgeId, fromWorker, batch, -1);
    }

    public static Message frontier(int edgeId, int fromWorker, long frontier) {
        return new Message(edgeId, fromWorker, null, frontier);
    }

    public boolean isFrontier() {
        return batch == null;
    }
}
