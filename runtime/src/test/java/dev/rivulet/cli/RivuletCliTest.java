package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rivulet.Dataflow;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code rivulet run/describe}: dispatch, warnings, errors and exit codes (scenarios E, adapted). */
class RivuletCliTest {
    private static final String FLOWS = "dev.rivulet.cli.fixtures.TestFlows";

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }

    @Test
    void noFlagsRunsOneWorkerInThisProcessAndPrintsCapturedItems() {
        CliRun run = CliRun.run("run", FLOWS);
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.onlyCall().entry()).isEqualTo("run");
        assertThat(run.onlyCall().workers()).isEqualTo(1);
        assertThat(run.outLines()).containsExactly("0", "10", "20");
        assertThat(run.err).isEmpty();
    }

    @Test
    void theFlinkEngineWithoutTheFlinkRunnerOnTheClassPathSaysWhatToAdd() {
        CliRun run = CliRun.run("run", FLOWS, "--engine", "flink", "-p", "2");
        assertThat(run.status).as(run.toString()).isEqualTo(RivuletCli.EXIT_FAILED);
        assertThat(run.err).contains("no 'flink' engine on the class path", "rivulet-flink", "docs/flink.md");
        assertThat(CliRun.run("run", FLOWS, "--engine", "spark").status).isEqualTo(RivuletCli.EXIT_USAGE);
    }

    @Test
    void workersRunAsThreadsOfThisProcess() {
        CliRun run = CliRun.run("run", FLOWS + ":build(\"w\", 4)", "-w", "3");
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.onlyCall().entry()).isEqualTo("run");
        assertThat(run.onlyCall().workers()).isEqualTo(3);
        assertThat(sorted(run.outLines())).containsExactly("w0", "w1", "w2", "w3");
    }

    @Test
    void processesSpawnALocalCluster() {
        CliRun run = CliRun.run("run", FLOWS, "-p", "2", "-w", "2");
        assertThat(run.status).as(run.toString()).isZero();
        CliRun.Call call = run.onlyCall();
        assertThat(call.entry()).isEqualTo("spawnCluster");
        assertThat(call.processes()).isEqualTo(2);
        assertThat(call.workers()).isEqualTo(2);
        assertThat(CliRun.run(Map.of("RIVULET_PROCESSES", "3"), "run", FLOWS).onlyCall().processes())
                .isEqualTo(3);
    }

    @Test
    void addressesAndProcessIdJoinACluster() {
        CliRun run = CliRun.run("run", FLOWS, "-a", "h1:2101;h2:2101", "-i", "1", "-w", "2");
        assertThat(run.status).as(run.toString()).isZero();
        CliRun.Call call = run.onlyCall();
        assertThat(call.entry()).isEqualTo("clusterMain");
        assertThat(call.addresses()).containsExactly("h1:2101", "h2:2101");
        assertThat(call.processId()).isEqualTo(1);
        assertThat(call.workers()).isEqualTo(2);
    }

    @Test
    void statefulSetEnvironmentJoinsWithThePodOrdinal() {
        Map<String, String> env = Map.of("RIVULET_POD_NAME", "flow-1", "RIVULET_STATEFULSET_NAME", "flow",
                "RIVULET_ADDRESSES", "flow-0.flow:2101;flow-1.flow:2101", "RIVULET_WORKERS_PER_PROCESS", "2");
        CliRun.Call call = CliRun.run(env, "run", FLOWS).onlyCall();
        assertThat(call.entry()).isEqualTo("clusterMain");
        assertThat(call.processId()).isEqualTo(1);
        assertThat(call.workers()).isEqualTo(2);
    }

    @Test
    void processesWithAddressesWarnsOnStderrAndJoins() {
        CliRun run = CliRun.run("run", FLOWS, "-p", "3", "-a", "h1:1;h2:2", "-i", "0");
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.onlyCall().entry()).isEqualTo("clusterMain");
        assertThat(run.err).startsWith("warning: both -p 3 and -a were given; ignoring -p 3");
    }

    @Test
    void epochIntervalReachesTheRunOptions() {
        RunOptions half = CliRun.run("run", FLOWS, "--epoch-interval", "0.5").onlyCall().options();
        assertThat(half.epochs().interval()).isEqualTo(Duration.ofMillis(500));
        RunOptions zero = CliRun.run(Map.of("RIVULET_EPOCH_INTERVAL", "0"), "run", FLOWS).onlyCall().options();
        assertThat(zero.epochs().isTesting()).isTrue();
    }

    @Test
    void processIdWithoutAddressesIsAUsageError() {
        CliRun run = CliRun.run("run", FLOWS, "-i", "0");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.calls).isEmpty();
        assertThat(run.err).startsWith("rivulet run: error: a process id (-i 0) needs the addresses of every"
                + " process in the cluster: pass -a");
        assertThat(run.err).endsWith("Try 'rivulet run --help' for more information." + System.lineSeparator());
    }

    @Test
    void picocliUsageErrorsExitWithTwo() {
        CliRun bad = CliRun.run("run", FLOWS, "-p", "two");
        assertThat(bad.status).isEqualTo(2);
        assertThat(bad.err).startsWith("rivulet run: error: Invalid value for option '--processes': 'two' is not an int");
        assertThat(CliRun.run("run").status).isEqualTo(2);
        assertThat(CliRun.run("run").err).contains("Missing required parameter: 'IMPORT-STRING'");
        assertThat(CliRun.run("run", FLOWS, "--frobnicate").status).isEqualTo(2);
        CliRun none = CliRun.run();
        assertThat(none.status).isEqualTo(2);
        assertThat(none.err).startsWith("rivulet: error: name a command: run, describe or recovery");
    }

    @Test
    void importStringFailuresAreUsageErrors() {
        CliRun run = CliRun.run("run", "com.example.Nope");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).startsWith("rivulet run: error: class 'com.example.Nope' was not found");
        CliRun malformed = CliRun.run("run", FLOWS + ":a.b()");
        assertThat(malformed.status).isEqualTo(2);
        assertThat(malformed.err).contains("expected one of:");
    }

    @Test
    void aFailingWorkerExitsWithOneAndNamesTheStepAndItemWithoutAStackTrace() {
        CliRun run = CliRun.run("run", FLOWS + ":failing", "-w", "2");
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).startsWith("rivulet run: the run failed: step 'explode' (map) failed on worker")
                .contains("while processing item 2")
                .contains("IllegalArgumentException: BOOM at 2")
                .contains("(run with --verbose for the full stack trace)")
                .doesNotContain("\tat ");
        CliRun verbose = CliRun.run("run", FLOWS + ":failing", "--verbose");
        assertThat(verbose.status).isEqualTo(1);
        assertThat(verbose.err).contains("\tat ").contains("Caused by: java.lang.IllegalArgumentException: BOOM at 2");
    }

    @Test
    void userCodeFailuresBeforeTheRunExitWithOne() {
        CliRun threw = CliRun.run("run", FLOWS + ":throwing()");
        assertThat(threw.status).isEqualTo(1);
        assertThat(threw.err).startsWith("rivulet run: " + FLOWS + ".throwing() threw IllegalStateException:"
                + " no data file while building the flow");
        CliRun invalid = CliRun.run("run", "dev.rivulet.cli.fixtures.TwoCaptures:invalid()");
        assertThat(invalid.status).isEqualTo(1);
        assertThat(invalid.err).startsWith("rivulet run: the flow is not valid: Dataflow 'invalid' needs at"
                + " least one output");
        assertThat(invalid.calls).isNotEmpty();
    }

    @Test
    void anUnavailableEntryPointExitsWithOne() {
        Launcher unavailable = new Launcher() {
            @Override
            public RunResult runInProcess(Dataflow flow, int workers, RunOptions options) {
                throw new AssertionError("not expected");
            }

            @Override
            public RunResult spawnCluster(Dataflow flow, int processes, int workers, RunOptions options) {
                throw new UnsupportedOperationException("multi-process clusters are not available yet");
            }

            @Override
            public RunResult clusterMain(Dataflow flow, List<String> addresses, int processId, int workers,
                    RunOptions options) {
                throw new AssertionError("not expected");
            }
        };
        CliRun run = CliRun.run(Map.of(), unavailable, List.of(), "run", FLOWS, "-p", "2");
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).startsWith("rivulet run: not available: multi-process clusters are not available yet");
    }

    @Test
    void severalCaptureStepsArePrefixedWithTheStepId() {
        CliRun run = CliRun.run("run", "dev.rivulet.cli.fixtures.TwoCaptures");
        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.outLines()).containsExactly("left: a", "right: b");
    }

    @Test
    void helpListsEveryEnvironmentVariableAndOption() {
        for (String flag : List.of("-h", "--help")) {
            CliRun help = CliRun.run("run", flag);
            assertThat(help.status).isZero();
            for (EnvVar var : EnvVar.values()) {
                assertThat(help.out).contains(var.variable());
            }
            assertThat(help.out).contains("--processes", "--workers-per-process", "--process-id", "--addresses",
                    "--sqlite-directory", "--epoch-interval", "--classpath", "--verbose", "Exit status:");
        }
        assertThat(CliRun.run("--help").out).contains("run", "describe");
    }

    @Test
    void versionNamesRivuletAndJava() {
        CliRun version = CliRun.run("--version");
        assertThat(version.status).isZero();
        assertThat(version.out).startsWith("rivulet ").contains("Java " + Runtime.version().feature());
        assertThat(version.out).doesNotStartWith("rivulet unknown");
    }

    @Test
    void describePrintsTheFlowAsJson() throws Exception {
        CliRun run = CliRun.run("describe", FLOWS);
        assertThat(run.status).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.get("name").asText()).isEqualTo("tens");
        assertThat(json.get("steps")).extracting(step -> step.get("id").asText())
                .containsExactly("inp", "times-ten", "out");
        assertThat(run.calls).isEmpty();
        assertThat(CliRun.run("describe", FLOWS + ":nope").status).isEqualTo(2);
    }

    @Test
    void anEmptyAddressEntryIsRefusedAtOnce() {
        CliRun run = CliRun.run("run", FLOWS, "-a", "h:1;;h:2", "-i", "0");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.calls).isEmpty();
        assertThat(run.err).startsWith("rivulet run: error: -a 'h:1;;h:2' has an empty entry (position 2)");
        CliRun fromEnv = CliRun.run(Map.of("RIVULET_ADDRESSES", ";h:1"), "run", FLOWS, "-i", "0");
        assertThat(fromEnv.status).isEqualTo(2);
        assertThat(fromEnv.err).contains("RIVULET_ADDRESSES ';h:1' has an empty entry (position 1)");
        assertThat(CliRun.run("run", FLOWS, "-a", "h:1;h:2;", "-i", "1").onlyCall().addresses())
                .as("one trailing ';' is fine").hasSize(2);
    }

    @Test
    void anEmptyAddressesVariableIsCalledEmptyNotUnset() {
        CliRun run = CliRun.run(Map.of("RIVULET_ADDRESSES", ""), "run", FLOWS, "-i", "0");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("RIVULET_ADDRESSES is set and empty").doesNotContain("set RIVULET_ADDRESSES,");
    }

    @Test
    void aFlowWithoutRunSuggestsRun() {
        CliRun run = CliRun.run(FLOWS, "--classpath", "x");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).startsWith("rivulet: error: '" + FLOWS + "' is not a command; to run the flow " + FLOWS
                + ", write: rivulet run " + FLOWS + " --classpath x");
    }

    @Test
    void everyHelpLineFitsEightyColumns() {
        for (String line : CliRun.run("run", "--help").out.split("\\R")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
        }
        assertThat(CliRun.run("run", "--help").out).contains(String.format(
                "  %-28s %s%n  %-28s %s", "RIVULET_CLUSTER_SECRET", "secret shared by every process of an -a/-i",
                "", "cluster (the same random text everywhere);"));
    }
}
