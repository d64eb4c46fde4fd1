package dev.rivulet.bench;

import dev.rivulet.Dataflow;
import dev.rivulet.Rivulet;
import dev.rivulet.io.DynamicSink;
import dev.rivulet.io.Sources;
import java.util.concurrent.atomic.LongAdder;

/**
 * W3: ints through map(x*2) → filter(x%3 != 0) → map(x+1) → count.
 *
 * <p>Two inputs: generated ints held in memory, like the other workloads' data (the measured
 * row), and {@code Sources.range}, whose baseline is a loop over a counter with no data at all.
 */
final class StatelessChain {

    private StatelessChain() {
    }

    static long rivulet(int[] ints, int workers, Engine engine) {
        Counter counter = new Counter();
        Dataflow flow = new Dataflow("w3-chain");
        flow.input("ints", new IntArraySource(ints, Math.max(1, workers)))
                .map("double", (Integer x) -> x * 2)
                .filter("not-div-3", x -> x % 3 != 0)
                .map("plus-one", x -> x + 1)
                .output("count", counter.sink());
        engine.run(flow, workers, dev.rivulet.RunOptions.defaults());
        return counter.checksum();
    }

    static long rangeBaseline(long n) {
        long count = 0;
        long sum = 0;
        for (long x = 0; x < n; x++) {
            long y = x * 2;
            if (y % 3 != 0) {
                count++;
                sum += y + 1;
            }
        }
        return count * 31 + sum;
    }

    static long rivuletRange(long n, int workers) {
        Counter counter = new Counter();
        Dataflow flow = new Dataflow("w3-chain-range");
        flow.input("ints", Sources.range(0, n, Math.max(1, workers)))
                .map("double", x -> x * 2)
                .filter("not-div-3", x -> x % 3 != 0)
                .map("plus-one", x -> x + 1)
                .output("count", counter.sink());
        Rivulet.run(flow, workers);
        return counter.checksum();
    }

    /**
     * Counts and sums what reaches the sink, on every worker. The sink holds the adders'
     * {@link InProcess} handles, so a shipped copy adds into these.
     */
    private static final class Counter {
        private final LongAdder count = new LongAdder();
        private final LongAdder sum = new LongAdder();

        <T extends Number> DynamicSink<T> sink() {
            String counted = InProcess.handle(count);
            String summed = InProcess.handle(sum);
            return (worker, workerCount) -> {
                LongAdder count = InProcess.get(counted);
                LongAdder sum = InProcess.get(summed);
                return items -> {
                    long s = 0;
                    for (T item : items) {
                        s += item.longValue();
                    }
                    count.add(items.size());
                    sum.add(s);
                };
            };
        }

        long checksum() {
            return count.sum() * 31 + sum.sum();
        }
    }
}
