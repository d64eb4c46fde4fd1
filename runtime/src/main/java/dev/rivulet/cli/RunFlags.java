package dev.rivulet.cli;

/**
 * The scaling and recovery flags of {@code rivulet run} as typed, before environment defaults
 * and the post-parse rules; {@code null} means "not given".
 *
 * <pre>{@code
 * new RunFlags(2, 4, null, null, null, "0.5")   // -p 2 -w 4 --epoch-interval 0.5
 * }</pre>
 *
 * @param processes {@code -p}
 * @param workersPerProcess {@code -w}
 * @param processId {@code -i}
 * @param addresses {@code -a}
 * @param sqliteDirectory {@code --sqlite-directory}
 * @param epochInterval {@code --epoch-interval}, as typed
 */
public record RunFlags(Integer processes, Integer workersPerProcess, Integer processId,
        String addresses, String sqliteDirectory, String epochInterval) {

    /** No flags given. */
    public static RunFlags none() {
        return new RunFlags(null, null, null, null, null, null);
    }
}
