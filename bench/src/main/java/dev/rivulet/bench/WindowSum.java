package dev.rivulet.bench;

import dev.rivulet.Dataflow;
import dev.rivulet.KV;
import dev.rivulet.RunOptions;
import dev.rivulet.io.DynamicSink;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.WindowResult;
import dev.rivulet.window.Windower;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/** W2: 1-second tumbling event-time windows (data-driven watermark, 50 ms lateness), sum per key per window. */
final class WindowSum {
    static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private WindowSum() {
    }

    static long mix(long key, long window, long sum) {
        return (key * 1_000_003L + window) * 31L + sum;
    }

    /**
     * The window sums go to a sink that folds them into the checksum as windows close, so, like
     * any streaming job, the flow holds only its open windows (a capture would keep every result).
     * The sink holds the adder's {@link InProcess} handle, so a shipped copy adds into this one.
     */
    static long rivulet(Data.Event[][] parts, int workers, RunOptions options, Engine engine) {
        LongAdder checksum = new LongAdder();
        String adder = InProcess.handle(checksum);
        DynamicSink<KV<Integer, WindowResult<Long>>> sink = (worker, workerCount) -> {
            LongAdder into = InProcess.get(adder);
            return results -> {
                long sum = 0;
                for (KV<Integer, WindowResult<Long>> kv : results) {
                    sum += mix(kv.key(), kv.value().windowId(), kv.value().value());
                }
                into.add(sum);
            };
        };
        Dataflow flow = new Dataflow("w2-window-sum");
        flow.input("events", new ArraySource<>(parts.length, p -> parts[p]))
                .keyBy("by-key", Data.Event::key)
                .foldWindow("sum", WindowClock.watermarkMillis(Data.Event::time, Duration.ofMillis(50)),
                        Windower.tumbling(Duration.ofSeconds(1), Instant.ofEpochMilli(BASE)),
                        0L, (sum, e) -> sum + e.value())
                .output("sums", sink);
        engine.run(flow, workers, options);
        return checksum.sum();
    }
}
