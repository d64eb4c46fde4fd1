package dev.rivulet.engine;

import java.util.Map;
import java.util.function.Predicate;

/** Recovery switched off: every run starts at epoch 0 and nothing is written. */
public final class NoRecovery implements RecoveryStore, WorkerRecovery {
    public static final NoRecovery INSTANCE = new NoRecovery();

    private NoRecovery() {
    }

    @Override
    public ResumePoint resumePoint() {
        return ResumePoint.FRESH;
    }

    @Override
    public void begin(long resumeEpoch) {
    }

    @Override
    public WorkerRecovery worker(int workerIndex) {
        return this;
    }

    @Override
    public Map<Object, Object> load(String stepId, Predicate<Object> owned) {
        return Map.of();
    }

    @Override
    public void snapshot(String stepId, Object key, long epoch, Object state) {
    }

    @Override
    public void commit(long frontier, long lastEpoch, long clusterFrontier) {
    }
}
