package dev.rivulet.bench;

import java.util.SplittableRandom;

/** The deterministic inputs of the workloads. */
final class Data {

    private Data() {
    }

    /** W1: {@code lines} lines of 8 words from a Zipf(s) vocabulary of {@code vocabulary} words. */
    static String[] zipfLines(int lines, int vocabulary, double s, long seed) {
        double[] cdf = new double[vocabulary];
        double total = 0;
        for (int rank = 1; rank <= vocabulary; rank++) {
            total += 1.0 / Math.pow(rank, s);
            cdf[rank - 1] = total;
        }
        String[] words = new String[vocabulary];
        for (int i = 0; i < vocabulary; i++) {
            words[i] = "w" + Integer.toString(i, 36);
        }
        SplittableRandom random = new SplittableRandom(seed);
        String[] out = new String[lines];
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < lines; i++) {
            line.setLength(0);
            for (int w = 0; w < 8; w++) {
                double u = random.nextDouble() * total;
                int lo = 0;
                int hi = vocabulary - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cdf[mid] < u) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                if (w > 0) {
                    line.append(' ');
                }
                line.append(words[lo]);
            }
            out[i] = line.toString();
        }
        return out;
    }

    /** A W2 event: key 0..99, event time in epoch millis, an int value. */
    record Event(int key, long time, int value) {
    }

    /** W2: {@code count} events, +1 ms each with up to 50 ms of disorder. */
    static Event[] events(int count, long baseMillis, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Event[] out = new Event[count];
        for (int i = 0; i < count; i++) {
            out[i] = new Event(random.nextInt(100), baseMillis + i - random.nextInt(51), random.nextInt(1000));
        }
        return out;
    }
}
