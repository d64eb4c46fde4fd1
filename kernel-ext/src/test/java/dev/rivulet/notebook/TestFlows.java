package dev.rivulet.notebook;

import dev.rivulet.Dataflow;
import dev.rivulet.io.Sources;
import java.util.Arrays;
import java.util.List;

/** Small flows for the notebook tests. */
public final class TestFlows {

    private TestFlows() {
    }

    /** Counts the words of "a b" and "b": a → 1, b → 2. */
    public static Dataflow wordCount() {
        Dataflow flow = new Dataflow("wc");
        flow.input("in", Sources.testing(List.of("a b", "b")))
                .flatMap("split", line -> Arrays.asList(line.split(" ")))
                .keyBy("k", w -> w)
                .map("one", w -> 1L)
                .reduce("sum", Long::sum)
                .capture("out");
        return flow;
    }
}
