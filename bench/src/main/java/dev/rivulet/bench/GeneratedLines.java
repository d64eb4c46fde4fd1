package dev.rivulet.bench;

import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.SourcePartition;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * W1's lines generated inside the source (line {@code i} from its own seed), so the flow can be
 * shipped to worker processes without shipping the data. Partition {@code p} of {@code P} makes
 * the lines {@code i ≡ p (mod P)}. The same generator feeds the baseline of the process figures.
 */
final class GeneratedLines implements PartitionedSource<String, Integer> {
    private static final long serialVersionUID = 1L;
    private static volatile Zipf zipf;

    private final int lines;
    private final int partitions;

    GeneratedLines(int lines, int partitions) {
        this.lines = lines;
        this.partitions = partitions;
    }

    /** The Zipf(1.1) vocabulary of 50,000 words, built once per JVM. */
    static Zipf zipf() {
        Zipf z = zipf;
        if (z == null) {
            z = new Zipf(50_000, 1.1);
            zipf = z;
        }
        return z;
    }

    static String line(int i) {
        return zipf().line(new SplittableRandom(0x9E3779B97F4A7C15L * (i + 1)));
    }

    @Override
    public List<String> listParts() {
        List<String> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add("gen-" + p);
        }
        return parts;
    }

    @Override
    public SourcePartition<String, Integer> buildPart(String partKey, Integer resumeState) {
        int part = Integer.parseInt(partKey.substring(4));
        return new SourcePartition<>() {
            private int next = resumeState == null ? part : resumeState;

            @Override
            public boolean nextBatch(List<? super String> out, int max) {
                for (int n = 0; n < max && next < lines; n++, next += partitions) {
                    out.add(line(next));
                }
                return next < lines;
            }

            @Override
            public Integer snapshot() {
                return next;
            }
        };
    }

    /** Samples 8-word lines from a Zipf vocabulary. */
    static final class Zipf {
        private final double[] cdf;
        private final String[] words;
        private final double total;

        Zipf(int vocabulary, double s) {
            cdf = new double[vocabulary];
            words = new String[vocabulary];
            double sum = 0;
            for (int rank = 1; rank <= vocabulary; rank++) {
                sum += 1.0 / Math.pow(rank, s);
                cdf[rank - 1] = sum;
                words[rank - 1] = "w" + Integer.toString(rank - 1, 36);
            }
            total = sum;
        }

        String line(SplittableRandom random) {
            StringBuilder line = new StringBuilder(64);
            for (int w = 0; w < 8; w++) {
                double u = random.nextDouble() * total;
                int lo = 0;
                int hi = cdf.length - 1;
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
            return line.toString();
        }
    }
}
