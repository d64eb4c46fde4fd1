package dev.rivulet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Callable;

/**
 * Best-of-N wall-clock timing with a warm-up, and the peak live heap of the measured runs: the
 * largest heap in use right after a collection, above what was live before them (so input data
 * prepared beforehand and garbage between collections do not count).
 */
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
        long baseline = liveAfterGc();
        LiveHeapSampler sampler = new LiveHeapSampler();
        try {
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                checksum = body.call();
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            sampler.stop();
        }
        return new Result(best, checksum, Math.max(0, sampler.peak() - baseline));
    }

    /** Heap in use right after the most recent collection: the live set, not garbage. */
    static long liveAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                sum += pool.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }

    /** Polls the post-collection heap every few milliseconds and keeps the largest value. */
    private static final class LiveHeapSampler {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        LiveHeapSampler() {
            thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, liveAfterGc());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "live-heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
            peak = Math.max(peak, liveAfterGc());
        }

        long peak() {
            return peak;
        }
    }

}
