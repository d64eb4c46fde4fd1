package dev.rivulet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Callable;

/** Best-of-N wall-clock timing with a warm-up, and peak heap use of the measured runs. */
final class Measure {

    /** One measurement: best time and the checksum the run produced. */
    record Result(double seconds, long checksum, long peakHeapBytes) {
    }

    private Measure() {
    }

    static Result best(int warmups, int runs, Callable<Long> body) throws Exception {
        for (int i = 0; i < warmups; i++) {
            body.call();
        }
        double best = Double.MAX_VALUE;
        long checksum = 0;
        System.gc();
        resetPeaks();
        long baseline = heapUsed();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            checksum = body.call();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return new Result(best, checksum, Math.max(0, peakHeap() - baseline));
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
