package dev.rivulet.flink;

import dev.rivulet.Dataflow;
import dev.rivulet.io.Sinks;
import dev.rivulet.io.Sources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Flows the CLI tests load by import string. */
public final class TestFlows {
    private TestFlows() {
    }

    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add("to be or not to be " + (i % 7));
        }
        return lines;
    }

    /** Word count over 200 lines, captured as {@code (word, count)}. */
    public static final Dataflow wordCount = wordCount();

    /**
     * Numbers 0..{@code n-1} from 4 partitions, each slowed down a little (so a test can kill a
     * TaskManager mid-run), written as "n,n*n" lines to a file (the exactly-once file sink).
     */
    public static Dataflow slowSquaresToFile(String file, long n) {
        Dataflow flow = new Dataflow("slow-squares");
        flow.input("numbers", Sources.range(0, n, 4))
                .map("slow-square", x -> {
                    Thread.sleep(2); // makes the run last long enough to kill a TaskManager in the middle
                    return x + "," + (x * x);
                })
                .output("file", Sinks.file(Path.of(file)));
        return flow;
    }

    static Dataflow wordCount() {
        Dataflow flow = new Dataflow("cli-wc");
        flow.input("lines", Sources.testing(lines()))
                .flatMap("split", line -> Arrays.asList(line.split(" ")))
                .countFinal("count", w -> w)
                .capture("out");
        return flow;
    }
}
