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

    /**
     * W2: {@code count} events, +1 ms each with up to 50 ms of disorder, over keys 0..99; even
     * events have even keys, so the two key-parity partitions of {@link #byParity} are equal in
     * size (a parallel peer's readers then split the input exactly at the partition boundary).
     */
    static Event[] events(int count, long baseMillis, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Event[] out = new Event[count & ~1];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Event(2 * random.nextInt(50) + (i & 1), baseMillis + i - random.nextInt(51),
                    random.nextInt(1000));
        }
        return out;
    }

    /**
     * The events as {@code parts} partitions by key ({@code key % parts}), each still in time
     * order within 50 ms, as a keyed log (Kafka) would hold them; with 1 part, the input itself.
     */
    static Event[][] byParity(Event[] events, int parts) {
        if (parts == 1) {
            return new Event[][] {events};
        }
        Event[][] out = new Event[parts][];
        for (int p = 0; p < parts; p++) {
            int part = p;
            out[p] = java.util.Arrays.stream(events).filter(e -> e.key() % parts == part).toArray(Event[]::new);
        }
        return out;
    }

    /** The partitions one after the other (for a parallel peer reading contiguous index ranges). */
    static Event[] concat(Event[][] parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(Event[]::new);
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


}
