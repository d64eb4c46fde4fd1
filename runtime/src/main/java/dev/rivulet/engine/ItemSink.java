package dev.rivulet.engine;

/** Takes the items a stage or an operator produces, one at a time, on the worker's thread. */
public interface ItemSink {
    void push(Object item);
}
