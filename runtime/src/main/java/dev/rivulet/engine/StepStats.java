package dev.rivulet.engine;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one step, summed over the workers of this process. */
public final class StepStats {
    private final String stepId;
    private final String operator;
    private final LongAdder itemsIn = new LongAdder();
    private final LongAdder itemsOut = new LongAdder();
    private final LongAdder lateItems = new LongAdder();

    public StepStats(String stepId, String operator) {
        this.stepId = stepId;
        this.operator = operator;
    }

    public String stepId() {
        return stepId;
    }

    public String operator() {
        return operator;
    }

    public void addIn(long n) {
        itemsIn.add(n);
    }

    public void addOut(long n) {
        itemsOut.add(n);
    }

    public void addLate(long n) {
        lateItems.add(n);
    }

    public long itemsIn() {
        return itemsIn.sum();
    }

    public long itemsOut() {
        return itemsOut.sum();
    }

    public long lateItems() {
        return lateItems.sum();
    }
}
