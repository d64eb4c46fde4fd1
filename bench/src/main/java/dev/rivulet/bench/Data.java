package dev.rivulet.bench;

import java.util.SplittableRandom;

/** The deterministic inputs of the workloads. */
final class Data {

    private Data() {
    }

    /** W1: {@code lines} lines of 8 words from a Zipf(s) vocabulary of {@code vocabulary} words. */
    static String[] zipfLines(int lines, int vocabulary, double s, long seed) {
        GeneratedLines.Zipf zipf = new GeneratedLines.Zipf(vocabulary, s);
        SplittableRandom random = new SplittableRandom(seed);
        String[] out = new String[lines];
        for (int i = 0; i < lines; i++) {
            out[i] = zipf.line(random);
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

    /** W3: {@code count} ints in {@code [0, 2^30)}, so that {@code x*2+1} cannot overflow. */
    static int[] ints(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = random.nextInt(1 << 30);
        }
        return out;
    }

    /** The same ints as the objects a flow carries (boxed before the timed part). */
    static Integer[] boxed(int[] ints) {
        Integer[] out = new Integer[ints.length];
        for (int i = 0; i < ints.length; i++) {
            out[i] = ints[i];
        }
        return out;
    }
}
