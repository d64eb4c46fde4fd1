package dev.rivulet.engine;

/** The worker a step is being built for. */
public record WorkerInfo(int index, int count) {
}
