package dev.rivulet.engine;

/** Where one output port of a vertex sends its batches and frontier. */
interface Edge {

    void data(Batch batch);

    /** The sending vertex will produce nothing below {@code frontier} any more. */
    void frontier(long frontier);

    /** Sends whatever is buffered (called at the end of each loop iteration). */
    default void flush() {
    }
}
