package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rivulet.io.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages docs/troubleshooting.md quotes are the ones the code prints: each quoted text
 * (with its {@code …}) must occur in the table and in the real message.
 */
public class TroubleshootingMessagesTest {

    @TempDir
    Path tmp;

    private static void quoted(String message, String... parts) throws Exception {
        String table = Files.readString(Path.of("..", "docs", "troubleshooting.md"));
        for (String part : parts) {
            assertThat(message).contains(part);
        }
        assertThat(table).as("docs/troubleshooting.md quotes it").contains(String.join("…", parts));
    }

    private static Dataflow sums(String name) {
        Dataflow flow = new Dataflow(name);
        flow.input("inp", Sources.testing(List.of(1, 2, 3))).keyBy("key", n -> "k").reduce("sum", Integer::sum)
                .capture("out");
        return flow;
    }

    @Test
    void theQuotedMessagesAreTheRealOnes() throws Exception {
        Dataflow badKey = new Dataflow("bad-key");
        badKey.input("inp", Sources.testing(List.of("a"))).keyBy("key", s -> new Object()).reduce("sum", (a, b) -> a)
                .capture("out");
        quoted(catchThrowable(() -> Rivulet.runMain(badKey)).getMessage(),
                "the key function returned a key of class ", ", which cannot be routed");

        Dataflow twice = new Dataflow("x");
        twice.input("y", Sources.testing(List.of(1)));
        quoted(catchThrowable(() -> twice.input("y", Sources.testing(List.of(1)))).getMessage(),
                "flow 'x' already has a step 'y'");

        Dataflow noOutput = new Dataflow("n");
        noOutput.input("in", Sources.testing(List.of(1)));
        quoted(catchThrowable(() -> Rivulet.runMain(noOutput)).getMessage(), "needs at least one output");

        RunOptions first = RunOptions.defaults().recovery(RecoveryConfig.sqlite(tmp));
        Rivulet.run(sums("a"), 4, first);
        quoted(catchThrowable(() -> Rivulet.run(sums("b"), 4, first)).getMessage(),
                "recovery file ", " belongs to dataflow 'a', not to 'b'");
    }

    /** The message of a rescale refused on separate volumes (made by SeparateVolumesTest) as quoted. */
    public static void assertQuoted(String message, String... parts) throws Exception {
        quoted(message, parts);
    }
}
