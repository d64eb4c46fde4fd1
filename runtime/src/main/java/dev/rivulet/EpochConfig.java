package dev.rivulet;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How inputs cut the stream into epochs: the unit of snapshots, recovery and progress.
 *
 * <ul>
 *   <li>{@link #periodic(Duration)}: an input closes its epoch every interval of wall-clock time
 *       (default 10 seconds, as in Bytewax). Shorter epochs mean less replay after a crash and more
 *       snapshot writes.</li>
 *   <li>{@link #testing()}: every input partition contributes at most one item per epoch: item
 *       0, 1, 2 of a single partition are seen in epochs 0, 1, 2. For tests and teaching.</li>
 * </ul>
 *
 * <pre>{@code
 * Rivulet.runMain(flow, RunOptions.defaults().epochs(EpochConfig.periodic(Duration.ofSeconds(1))));
 * }</pre>
 */
public final class EpochConfig implements Serializable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Duration interval;

    private EpochConfig(Duration interval) {
        this.interval = interval;
    }

    /** Epochs of {@code interval} wall-clock time; zero means one item per partition per epoch. */
    public static EpochConfig periodic(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("invalid epoch interval: " + interval
                    + " (it must be zero or positive)");
        }
        return new EpochConfig(interval);
    }

    /** One item per input partition per epoch (Bytewax's TestingEpochConfig). */
    public static EpochConfig testing() {
        return new EpochConfig(Duration.ZERO);
    }

    /** The default: periodic, 10 seconds. */
    public static EpochConfig defaults() {
        return periodic(DEFAULT_INTERVAL);
    }

    public Duration interval() {
        return interval;
    }

    /** Whether each partition contributes at most one item per epoch. */
    public boolean isTesting() {
        return interval.isZero();
    }

    @Override
    public String toString() {
        return isTesting() ? "EpochConfig.testing()" : "EpochConfig.periodic(" + interval + ")";
    }
}
