package dev.rivulet.io;

import java.util.List;

/**
 * The built-in sources.
 *
 * <pre>{@code
 * flow.input("numbers", Sources.testing(List.of(1, 2, 3)));
 * flow.input("ids", Sources.range(0, 1_000_000, 4));
 * }</pre>
 */
public final class Sources {

    private Sources() {
    }

    /**
     * The items of a list, in order, from one partition; replayable (see {@link TestingSource}
     * for sentinels that simulate crashes).
     *
     * <pre>{@code
     * flow.input("inp", Sources.testing(List.of("a", "b", "c")))
     * }</pre>
     */
    public static <T> TestingSource<T> testing(List<? extends T> items) {
        return TestingSource.of(items);
    }

    /**
     * The numbers {@code [from, to)} in one partition.
     *
     * <pre>{@code
     * flow.input("n", Sources.range(0, 10))   // 0, 1, …, 9
     * }</pre>
     */
    public static RangeSource range(long from, long to) {
        return new RangeSource(from, to, 1);
    }

    /**
     * The numbers {@code [from, to)} split into {@code partitions} contiguous ranges, read in
     * parallel by the workers owning them.
     *
     * <pre>{@code
     * flow.input("n", Sources.range(0, 1_000_000, 4))
     * }</pre>
     */
    public static RangeSource range(long from, long to, int partitions) {
        return new RangeSource(from, to, partitions);
    }
}
