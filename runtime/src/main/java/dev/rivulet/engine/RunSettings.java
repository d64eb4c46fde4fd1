package dev.rivulet.engine;

import dev.rivulet.CaptureListener;
import dev.rivulet.EpochConfig;
import dev.rivulet.RunProgress;
import java.util.Map;

/**
 * What every worker of a process shares for one run; {@code progress} is {@code null} when no
 * one watches the run (see {@link RunProgress}).
 */
public record RunSettings(
        EpochConfig epochs,
        RecoveryStore recovery,
        CaptureListener captureListener,
        Map<String, StepStats> stats,
        int batchSize,
        RunProgress progress) {

    /** Settings without a progress view. */
    public RunSettings(EpochConfig epochs, RecoveryStore recovery, CaptureListener captureListener,
            Map<String, StepStats> stats, int batchSize) {
        this(epochs, recovery, captureListener, stats, batchSize, null);
    }
}
