package dev.rivulet.engine;

import dev.rivulet.RivuletException;
import dev.rivulet.RunCancelledException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stop signal and first failure of a run, shared by the workers of a process. The first failure
 * wins; every worker sees {@link #stopped()} on its next loop iteration and winds down.
 */
public final class RunControl {
    private final AtomicReference<RivuletException> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private volatile Runnable onStop = () -> { };

    /** Called once when the run stops for any reason (a failure, a cancel). */
    public void onStop(Runnable action) {
        this.onStop = action;
    }

    public boolean stopped() {
        return stopped;
    }

    public void fail(RivuletException exception) {
        failure.compareAndSet(null, exception);
        stop();
    }

    public void cancel(String why) {
        fail(new RunCancelledException(why));
    }

    private void stop() {
        if (!stopped) {
            stopped = true;
            onStop.run();
        }
    }

    /** The first failure, or null. */
    public RivuletException failure() {
        return failure.get();
    }
}
