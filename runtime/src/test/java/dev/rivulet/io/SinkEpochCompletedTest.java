package dev.rivulet.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * {@link SinkPartition#epochCompleted()}: once per snapshot, in order, before the next write,
 * and for the last snapshot before the run returns (what a transactional sink commits on).
 */
class SinkEpochCompletedTest {
    private static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

    static final class Recording implements PartitionedSink<Long, Integer> {
        @Override
        public List<String> listParts() {
            return List.of("even", "odd");
        }

        @Override
        public String assignPart(Long item) {
            return item % 2 == 0 ? "even" : "odd";
        }

        @Override
        public SinkPartition<Long, Integer> buildPart(String part, Integer resume) {
            List<String> log = EVENTS.computeIfAbsent(part, p -> java.util.Collections.synchronizedList(new ArrayList<>()));
            return new SinkPartition<>() {
                int written;

                @Override
                public void write(List<? extends Long> items) {
                    written += items.size();
                    log.add("write");
                }

                @Override
                public Integer snapshot() {
                    log.add("snapshot");
                    return written;
                }

                @Override
                public void epochCompleted() {
                    log.add("completed");
                }
            };
        }
    }

    /** Collapses repeated writes: "write snapshot completed write snapshot completed …". */
    private static String shape(List<String> events) {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            if (!(e.equals("write") && !out.isEmpty() && out.get(out.size() - 1).equals("write"))) {
                out.add(e);
            }
        }
        return String.join(" ", out);
    }

    @Test
    void everySnapshotIsFollowedByItsCompletionBeforeTheNextWriteAndAtTheEnd() {
        for (int workers : new int[] {1, 2}) {
            EVENTS.clear();
            Dataflow flow = new Dataflow("completed");
            flow.input("n", Sources.range(0, 200, 4)).output("sink", new Recording());
            Rivulet.run(flow, workers, RunOptions.defaults().epochs(EpochConfig.testing()));
            assertThat(EVENTS).containsOnlyKeys("even", "odd");
            for (List<String> log : EVENTS.values()) {
                String shape = shape(log);
                assertThat(shape).matches("((write )?snapshot completed ?)+");
                assertThat(log.stream().filter("snapshot"::equals).count())
                        .isEqualTo(log.stream().filter("completed"::equals).count());
            }
        }
    }
}
