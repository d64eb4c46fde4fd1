package dev.rivulet.engine;

import dev.rivulet.CaptureListener;
import dev.rivulet.EpochConfig;
import java.util.Map;
import java.util.function.Predicate;

/** What an operator may know about where it runs. */
public interface OperatorContext {

    String stepId();

    int workerIndex();

    int workerCount();

    EpochConfig epochConfig();

    /** The epoch this execution starts at (0 on a fresh run, later when resuming). */
    long resumeEpoch();

    /**
     * The resume state of this step for the keys (or partitions) this worker owns, as decided by
     * {@code owned}: key → snapshot, as recorded by the last completed epoch. Empty on a fresh
     * run. Call it once, from {@link Operator#open}.
     */
    Map<Object, Object> resumeState(Predicate<Object> owned);

    /** Records a key's state as of the end of {@code epoch}; {@code null} means "discarded". */
    void snapshot(Object key, long epoch, Object state);

    /** Run statistics for this step (items seen, late items, …). */
    StepStats stats();

    /** Where captured items go (the caller's result, a live table, the driver of a cluster). */
    CaptureListener captureListener();
}
