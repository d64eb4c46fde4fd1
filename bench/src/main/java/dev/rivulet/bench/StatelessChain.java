package dev.rivulet.bench;

import dev.rivulet.Dataflow;
import dev.rivulet.Rivulet;
import dev.rivulet.io.DynamicSink;
import dev.rivulet.io.Sources;
import java.util.concurrent.atomic.LongAdder;

/** W3: ints through map(x*2) → filter(x%3 != 0) → map(x+1) → count. */
final class StatelessChain {

    private StatelessChain() {
    }

    static long baseline(long n) {
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

    static long rivulet(long n, int workers) {
        LongAdder count = new LongAdder();
        LongAdder sum = new LongAdder();
        DynamicSink<Long> counter = (worker, workerCount) -> items -> {
            long s = 0;
            for (Long item : items) {
                s += item;
            }
            count.add(items.size());
            sum.add(s);
        };
        Dataflow flow = new Dataflow("w3-chain");
        flow.input("ints", Sources.range(0, n, Math.max(1, workers)))
                .map("double", x -> x * 2)
                .filter("not-div-3", x -> x % 3 != 0)
                .map("plus-one", x -> x + 1)
                .output("count", counter);
        Rivulet.run(flow, workers);
        return count.sum() * 31 + sum.sum();
    }
}
