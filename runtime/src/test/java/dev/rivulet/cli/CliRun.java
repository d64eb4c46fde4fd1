package dev.rivulet.cli;

import dev.rivulet.Dataflow;
import dev.rivulet.Rivulet;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the CLI in this JVM with an injected environment and a launcher that records dispatch. */
final class CliRun {
    final int status;
    final String out;
    final String err;
    final List<Call> calls;

    /** One call to the launcher. */
    record Call(String entry, int processes, int workers, List<String> addresses, Integer processId,
            RunOptions options, String flowName) {
    }

    private CliRun(int status, String out, String err, List<Call> calls) {
        this.status = status;
        this.out = out;
        this.err = err;
        this.calls = calls;
    }

    static CliRun run(Map<String, String> env, String... args) {
        List<Call> calls = new ArrayList<>();
        Launcher recording = new Launcher() {
            @Override
            public RunResult runInProcess(Dataflow flow, int workers, RunOptions options) {
                calls.add(new Call("run", 1, workers, List.of(), null, options, flow.name()));
                return Rivulet.run(flow, workers, options);
            }

            @Override
            public RunResult spawnCluster(Dataflow flow, int processes, int workers, RunOptions options) {
                calls.add(new Call("spawnCluster", processes, workers, List.of(), null, options, flow.name()));
                return Rivulet.run(flow, processes * workers, options);
            }

            @Override
            public RunResult clusterMain(Dataflow flow, List<String> addresses, int processId, int workers,
                    RunOptions options) {
                calls.add(new Call("clusterMain", addresses.size(), workers, addresses, processId, options,
                        flow.name()));
                return Rivulet.run(flow, workers, options);
            }
        };
        return run(env, recording, calls, args);
    }

    static CliRun run(Map<String, String> env, Launcher launcher, List<Call> calls, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = RivuletCli.execute(args, env, launcher, o, e);
        }
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                calls);
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    Call onlyCall() {
        if (calls.size() != 1) {
            throw new AssertionError("expected one launcher call, got " + calls + "\nstderr: " + err);
        }
        return calls.get(0);
    }

    List<String> outLines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
