package dev.rivulet.flink.internals;

import java.io.Serializable;

/** One captured item on its way back to the client, with what a {@code CaptureListener} is told. */
public record Captured(String stepId, int worker, long epoch, Object item) implements Serializable {
}
