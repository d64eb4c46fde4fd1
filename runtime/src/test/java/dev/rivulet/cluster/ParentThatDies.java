package dev.rivulet.cluster;

import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * A parent JVM for {@link ClusterShutdownTest}: spawns a slow cluster, prints its children's pids
 * once items flow, and dies at once (no shutdown hooks), as a killed process would.
 */
public final class ParentThatDies {
    private ParentThatDies() {
    }

    public static void main(String[] args) {
        Rivulet.spawnCluster(ClusterFlows.slowWordCount(Duration.ofMinutes(1)), 2, 1,
                RunOptions.defaults().onCapture((step, worker, epoch, items) -> {
                    String pids = ProcessHandle.current().children().map(p -> Long.toString(p.pid()))
                            .collect(Collectors.joining(" "));
                    System.out.println("CHILDREN " + pids);
                    System.out.flush();
                    Runtime.getRuntime().halt(9);
                }));
    }
}
