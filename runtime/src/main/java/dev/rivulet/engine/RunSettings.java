package dev.rivulet.engine;

import dev.rivulet.CaptureListener;
import dev.rivulet.EpochConfig;
import java.util.Map;

/** What every worker of a process shares for one run. */
public record RunSettings(
        EpochConfig epochs,
        RecoveryStore recovery,
        CaptureListener captureListener,
        Map<String, StepStats> stats,
        int batchSize) {
}
