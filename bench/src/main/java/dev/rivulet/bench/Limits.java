package dev.rivulet.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The hand-written plain-Java limits every ratio is measured against: the least work a program
 * must do for each workload, on the same prepared input as the engines, all of it timed.
 *
 * <ul>
 *   <li>W1: split each line, count in a mutable {@code long} per word (no boxed merge).
 *   <li>W2: a primitive array of sums per open 1-second window (keys are 0..99), a watermark of
 *       max event time − 50 ms, and each window's (key, window, sum) emitted into the checksum
 *       when the watermark passes its end.
 *   <li>W3: a loop over the {@code int[]}.
 * </ul>
 */
final class Limits {

    private Limits() {
    }

    // ---- W1 ----

    static long wordCount(String[] lines) {
        return WordCount.checksumOfCells(countCells(lines, 0, lines.length));
    }

    private static Map<String, long[]> countCells(String[] lines, int from, int to) {
        Map<String, long[]> counts = new HashMap<>();
        for (int i = from; i < to; i++) {
            for (String word : lines[i].split(" ")) {
                long[] cell = counts.get(word);
                if (cell == null) {
                    counts.put(word, new long[] {1});
                } else {
                    cell[0]++;
                }
            }
        }
        return counts;
    }

    static long wordCountTwoThreads(String[] lines) throws InterruptedException {
        int half = lines.length / 2;
        @SuppressWarnings("unchecked")
        Map<String, long[]>[] parts = new Map[2];
        Thread other = new Thread(() -> parts[1] = countCells(lines, half, lines.length));
        other.start();
        parts[0] = countCells(lines, 0, half);
        other.join();
        parts[1].forEach((word, n) -> parts[0].computeIfAbsent(word, w -> new long[1])[0] += n[0]);
        return WordCount.checksumOfCells(parts[0]);
    }

    // ---- W2 ----

    static long windowSum(Data.Event[] events) {
        final long lateness = 50;
        // Ring of open windows: disorder is at most 50 ms, so at most two 1-second windows are
        // open; four slots leave room.
        long[][] sums = new long[4][100];
        boolean[][] seen = new boolean[4][100];
        long[] windowOf = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
        long maxTime = Long.MIN_VALUE;
        long nextToClose = Long.MAX_VALUE;
        long checksum = 0;
        for (Data.Event e : events) {
            long window = Math.floorDiv(e.time() - WindowSum.BASE, 1000);
            int slot = (int) (window & 3);
            if (windowOf[slot] != window) {
                windowOf[slot] = window;
                nextToClose = Math.min(nextToClose, window);
            }
            sums[slot][e.key()] += e.value();
            seen[slot][e.key()] = true;
            if (e.time() > maxTime) {
                maxTime = e.time();
                long watermark = maxTime - lateness;
                while (nextToClose != Long.MAX_VALUE && WindowSum.BASE + (nextToClose + 1) * 1000 <= watermark) {
                    checksum += close(nextToClose, sums, seen, windowOf);
                    nextToClose = nextOpen(windowOf);
                }
            }
        }
        while (nextToClose != Long.MAX_VALUE) {
            checksum += close(nextToClose, sums, seen, windowOf);
            nextToClose = nextOpen(windowOf);
        }
        return checksum;
    }

    private static long close(long window, long[][] sums, boolean[][] seen, long[] windowOf) {
        int slot = (int) (window & 3);
        long checksum = 0;
        for (int key = 0; key < 100; key++) {
            if (seen[slot][key]) {
                checksum += WindowSum.mix(key, window, sums[slot][key]);
                seen[slot][key] = false;
                sums[slot][key] = 0;
            }
        }
        windowOf[slot] = Long.MIN_VALUE;
        return checksum;
    }

    private static long nextOpen(long[] windowOf) {
        long next = Long.MAX_VALUE;
        for (long w : windowOf) {
            if (w != Long.MIN_VALUE) {
                next = Math.min(next, w);
            }
        }
        return next;
    }

    // ---- W3 ----

    static long chain(int[] ints) {
        return chain(ints, 0, ints.length);
    }

    private static long chain(int[] ints, int from, int to) {
        long count = 0;
        long sum = 0;
        for (int i = from; i < to; i++) {
            int y = ints[i] * 2;
            if (y % 3 != 0) {
                count++;
                sum += y + 1;
            }
        }
        return count * 31 + sum;
    }

    static long chainTwoThreads(int[] ints) throws InterruptedException {
        int half = ints.length / 2;
        long[] parts = new long[2];
        Thread other = new Thread(() -> parts[1] = chain(ints, half, ints.length));
        other.start();
        parts[0] = chain(ints, 0, half);
        other.join();
        // count*31 + sum is linear, so the halves add up
        return parts[0] + parts[1];
    }
}
