package dev.rivulet.engine;

import dev.rivulet.KV;
import dev.rivulet.RunProgress;
import dev.rivulet.StableHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The runtime of a {@link KeyedStep} on one worker: a map key → {@link KeyedLogic}, the keys
 * touched in the open epoch (snapshotted when it closes), and a wake-up queue for timers.
 */
final class KeyedOperator extends Operator {
    private final KeyedStep step;
    private final Map<Object, KeyedLogic> logics = new HashMap<>();
    private final Set<Object> touched = new HashSet<>();
    private final PriorityQueue<Wake> wakes = new PriorityQueue<>();
    private final Map<Object, Long> scheduled = new HashMap<>();
    private OperatorContext context;
    private final KeyEmitter emitter = new KeyEmitter();

    /** One reusable output, re-pointed at the key being processed (no allocation per item). */
    private final class KeyEmitter implements KeyedOutput {
        private Object key;
        private Outputs out;

        KeyEmitter at(Object key, Outputs out) {
            this.key = key;
            this.out = out;
            return this;
        }

        @Override
        public void accept(Object value) {
            out.emit(new KV<>(key, value));
        }

        @Override
        public void emit(int port, Object value) {
            out.emit(port, new KV<>(key, value));
        }

        @Override
        public void countLate(long n) {
            context.stats().addLate(n);
        }
    }

    private record Wake(long at, Object key) implements Comparable<Wake> {
        @Override
        public int compareTo(Wake other) {
            return Long.compare(at, other.at);
        }
    }

    KeyedOperator(KeyedStep step) {
        this.step = step;
    }

    @Override
    public void open(OperatorContext context) throws Exception {
        this.context = context;
        Map<Object, Object> resumed = context.resumeState(KeyedStep.ownedKeys(context));
        for (Map.Entry<Object, Object> entry : resumed.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            KeyedLogic logic = step.createLogic(entry.getKey(), entry.getValue());
            logics.put(entry.getKey(), logic);
            scheduleWake(entry.getKey(), logic);
        }
    }

    @Override
    public void onBatch(int input, Batch batch, Outputs out) {
        Object[] keys = batch.keys;
        for (int i = 0; i < batch.size; i++) {
            Object key;
            Object value;
            if (keys != null) {
                key = keys[i];
                value = batch.items[i];
            } else {
                KV<?, ?> item = (KV<?, ?>) batch.items[i];
                key = item.key();
                value = item.value();
            }
            try {
                KeyedLogic logic = logics.get(key);
                if (logic == null) {
                    logic = step.createLogic(key, null);
                    logics.put(key, logic);
                }
                logic.onValue(value, emitterFor(key, out));
                afterCall(key, logic);
            } catch (Throwable t) {
                throw StepFailure.onItem(step, new KV<>(key, value), t);
            }
        }
    }

    @Override
    public long nextWakeMillis() {
        Wake next = wakes.peek();
        return next == null ? Long.MAX_VALUE : next.at;
    }

    @Override
    public void onWake(long nowMillis, Outputs out) {
        while (!wakes.isEmpty() && wakes.peek().at <= nowMillis) {
            Wake wake = wakes.poll();
            KeyedLogic logic = logics.get(wake.key);
            // Stale entries (the key was rescheduled or dropped since) are skipped.
            Long current = scheduled.get(wake.key);
            if (logic == null || current == null || current != wake.at) {
                continue;
            }
            scheduled.remove(wake.key);
            try {
                logic.onWake(nowMillis, emitterFor(wake.key, out));
                afterCall(wake.key, logic);
            } catch (Throwable t) {
                throw StepFailure.onItem(step.stepId(), step.operator(),
                        "<timer of key " + wake.key + ">", t);
            }
        }
    }

    @Override
    public void onEof(Outputs out) {
        for (Object key : logics.keySet().toArray()) {
            KeyedLogic logic = logics.get(key);
            try {
                logic.onEof(emitterFor(key, out));
                afterCall(key, logic);
            } catch (Throwable t) {
                throw StepFailure.onItem(step.stepId(), step.operator(),
                        "<end of input for key " + key + ">", t);
            }
        }
    }

    @Override
    public void onEpochClose(long epoch, Outputs out) {
        if (touched.isEmpty()) {
            return;
        }
        for (Object key : touched) {
            KeyedLogic logic = logics.get(key);
            Object snapshot;
            try {
                snapshot = logic == null ? null : logic.snapshot();
            } catch (Throwable t) {
                throw StepFailure.during(step, "snapshotting the state of key " + key, t);
            }
            context.snapshot(key, epoch, snapshot);
        }
        touched.clear();
    }

    /** The number of keys with something to show, and the largest values among the showable ones. */
    @Override
    public StateView stateSoFar(int rows) {
        PriorityQueue<KV<Object, Object>> top = new PriorityQueue<>(RunProgress.LARGEST_FIRST.reversed());
        long keys = 0;
        for (Map.Entry<Object, KeyedLogic> entry : logics.entrySet()) {
            Object value = entry.getValue().soFar();
            if (value == null) {
                continue;
            }
            keys++;
            if (RunProgress.isShowable(value)) {
                RunProgress.offer(top, new KV<>(entry.getKey(), value), rows);
            }
        }
        if (keys == 0) {
            return null;
        }
        List<KV<Object, Object>> sorted = new ArrayList<>(top);
        sorted.sort(RunProgress.LARGEST_FIRST);
        return new StateView(keys, sorted);
    }

    private KeyedOutput emitterFor(Object key, Outputs out) {
        return emitter.at(key, out);
    }

    private void afterCall(Object key, KeyedLogic logic) {
        touched.add(key);
        if (logic.isDiscarded()) {
            logics.remove(key);
            scheduled.remove(key);
        } else {
            scheduleWake(key, logic);
        }
    }

    private void scheduleWake(Object key, KeyedLogic logic) {
        long at = logic.nextWakeMillis();
        if (at == Long.MAX_VALUE) {
            scheduled.remove(key);
            return;
        }
        // Keep at most one queued wake per key: a later time never replaces an earlier one (the
        // earlier wake runs, finds nothing due, and reschedules). Without this, an event-time
        // clock whose wake moves with every item would flood the queue with stale entries.
        Long previous = scheduled.get(key);
        if (previous != null && previous <= at) {
            return;
        }
        scheduled.put(key, at);
        wakes.add(new Wake(at, key));
    }
}
