package dev.rivulet.engine;

/** An edge that stays on the worker: batches go straight into the next vertex. */
final class LocalEdge implements Edge {
    private final Vertex target;
    private final int input;

    LocalEdge(Vertex target, int input) {
        this.target = target;
        this.input = input;
    }

    @Override
    public void data(Batch batch) {
        target.onData(input, batch);
    }

    @Override
    public void frontier(long frontier) {
        target.onSourceFrontier(input, 0, frontier);
    }
}
