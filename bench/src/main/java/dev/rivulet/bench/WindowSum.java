package dev.rivulet.bench;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.io.DynamicSink;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.WindowResult;
import dev.rivulet.window.Windower;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** W2: 1-second tumbling event-time windows, sum per key per window. */
final class WindowSum {
    static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    /** Keeps (key, window) packed in one positive long: windows start at -1 (disorder before BASE). */
    private static final long OFFSET = 1_000;

    private WindowSum() {
    }

    private static long mix(long key, long window, long sum) {
        return (key * 1_000_003L + window) * 31L + sum;
    }

    static long baseline(Data.Event[] events) {
        Map<Long, Long> sums = new HashMap<>();
        for (Data.Event e : events) {
            long window = Math.floorDiv(e.time() - BASE, 1000);
            sums.merge(e.key() * 10_000_000L + window + OFFSET, (long) e.value(), Long::sum);
        }
        long checksum = 0;
        for (Map.Entry<Long, Long> s : sums.entrySet()) {
            checksum += mix(s.getKey() / 10_000_000L, s.getKey() % 10_000_000L - OFFSET, s.getValue());
        }
        return checksum;
    }

    /** The hand-written two-thread version, partitioned by key. */
    static long baselineTwoThreads(Data.Event[] events) throws InterruptedException {
        long[] checksums = new long[2];
        Thread other = new Thread(() -> checksums[1] = partition(events, 1));
        other.start();
        checksums[0] = partition(events, 0);
        other.join();
        return checksums[0] + checksums[1];
    }

    private static long partition(Data.Event[] events, int part) {
        Map<Long, Long> sums = new HashMap<>();
        for (Data.Event e : events) {
            if ((e.key() & 1) == part) {
                sums.merge(e.key() * 10_000_000L + Math.floorDiv(e.time() - BASE, 1000) + OFFSET, (long) e.value(), Long::sum);
            }
        }
        long checksum = 0;
        for (Map.Entry<Long, Long> s : sums.entrySet()) {
            checksum += mix(s.getKey() / 10_000_000L, s.getKey() % 10_000_000L - OFFSET, s.getValue());
        }
        return checksum;
    }

    /**
     * The events split by key, so each partition is in event-time order as a real keyed stream
     * would be. Input preparation: done before the timed part, like generating the events.
     */
    static Data.Event[][] split(Data.Event[] events, int partitions) {
        Data.Event[][] parts = new Data.Event[partitions][];
        for (int p = 0; p < partitions; p++) {
            int part = p;
            parts[p] = java.util.Arrays.stream(events).filter(e -> e.key() % partitions == part)
                    .toArray(Data.Event[]::new);
        }
        return parts;
    }

    /**
     * The window sums go to a sink that folds them into the checksum as windows close, so, like
     * any streaming job, the flow holds only its open windows (a capture would keep every result).
     */
    static long rivulet(Data.Event[][] parts, int workers, RunOptions options) {
        LongAdder checksum = new LongAdder();
        DynamicSink<KV<Integer, WindowResult<Long>>> sink = (worker, workerCount) -> results -> {
            long sum = 0;
            for (KV<Integer, WindowResult<Long>> kv : results) {
                sum += mix(kv.key(), kv.value().windowId(), kv.value().value());
            }
            checksum.add(sum);
        };
        Dataflow flow = new Dataflow("w2-window-sum");
        flow.input("events", new ArraySource<>(parts.length, p -> parts[p]))
                .keyBy("by-key", Data.Event::key)
                .foldWindow("sum", WindowClock.eventTime(e -> Instant.ofEpochMilli(e.time()), Duration.ofMillis(100)),
                        Windower.tumbling(Duration.ofSeconds(1), Instant.ofEpochMilli(BASE)),
                        () -> 0L, (sum, e) -> sum + e.value())
                .output("sums", sink);
        Rivulet.run(flow, workers, options);
        return checksum.sum();
    }
}
