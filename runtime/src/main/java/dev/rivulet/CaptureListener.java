package dev.rivulet;

import java.util.List;

/**
 * Receives the items of {@code capture} steps as they are produced, for example to feed a live
 * table. Called from worker threads, possibly concurrently: implementations must be thread-safe
 * and quick.
 *
 * <pre>{@code
 * RunOptions.defaults().onCapture((step, worker, epoch, items) -> counter.addAndGet(items.size()))
 * }</pre>
 */
@FunctionalInterface
public interface CaptureListener {

    void onCaptured(String stepId, int workerIndex, long epoch, List<?> items);

    CaptureListener NONE = (stepId, worker, epoch, items) -> { };
}
