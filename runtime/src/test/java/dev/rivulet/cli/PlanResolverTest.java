package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.EpochConfig;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The option/environment resolution rules (reference §6.2, with Rivulet's corrections). */
class PlanResolverTest {
    private static final Map<String, String> NO_ENV = Map.of();

    private static RunFlags flags(Integer p, Integer w, Integer i, String a) {
        return new RunFlags(p, w, i, a, null, null);
    }

    @Test
    void noFlagsRunsOneWorkerInThisProcessWithDefaultOptions() {
        ClusterPlan plan = PlanResolver.resolve(RunFlags.none(), NO_ENV);
        assertThat(plan.mode()).isEqualTo(ClusterPlan.Mode.IN_PROCESS);
        assertThat(plan.processes()).isEqualTo(1);
        assertThat(plan.workersPerProcess()).isEqualTo(1);
        assertThat(plan.processId()).isNull();
        assertThat(plan.warnings()).isEmpty();
        RunOptions options = plan.runOptions();
        assertThat(options.epochs().interval()).isEqualTo(EpochConfig.DEFAULT_INTERVAL);
        assertThat(options.recovery()).isSameAs(RecoveryConfig.none());
    }

    @Test
    void processesAboveOneSpawnsALocalCluster() {
        ClusterPlan plan = PlanResolver.resolve(flags(3, 2, null, null), NO_ENV);
        assertThat(plan.mode()).isEqualTo(ClusterPlan.Mode.SPAWN);
        assertThat(plan.processes()).isEqualTo(3);
        assertThat(plan.workersPerProcess()).isEqualTo(2);
        assertThat(PlanResolver.resolve(flags(1, 4, null, null), NO_ENV).mode())
                .isEqualTo(ClusterPlan.Mode.IN_PROCESS);
    }

    @Test
    void environmentGivesDefaultsAndFlagsBeatThem() {
        Map<String, String> env = Map.of("RIVULET_PROCESSES", "2", "RIVULET_WORKERS_PER_PROCESS", "3",
                "RIVULET_EPOCH_INTERVAL", "0", "RIVULET_SQLITE_DIRECTORY", "state");
        ClusterPlan fromEnv = PlanResolver.resolve(RunFlags.none(), env);
        assertThat(fromEnv.processes()).isEqualTo(2);
        assertThat(fromEnv.workersPerProcess()).isEqualTo(3);
        assertThat(fromEnv.epochInterval()).isEqualTo(Duration.ZERO);
        assertThat(fromEnv.sqliteDirectory()).isEqualTo(Path.of("state"));

        ClusterPlan flagsWin = PlanResolver.resolve(new RunFlags(4, 1, null, null, "other", "2.5"), env);
        assertThat(flagsWin.processes()).isEqualTo(4);
        assertThat(flagsWin.workersPerProcess()).isEqualTo(1);
        assertThat(flagsWin.epochInterval()).isEqualTo(Duration.ofMillis(2500));
        assertThat(flagsWin.sqliteDirectory()).isEqualTo(Path.of("other"));
    }

    @Test
    void badEnvironmentValuesNameTheVariable() {
        assertThatThrownBy(() -> PlanResolver.resolve(RunFlags.none(), Map.of("RIVULET_PROCESSES", "two")))
                .isInstanceOf(UsageException.class)
                .hasMessage("RIVULET_PROCESSES='two' is not a whole number; it sets -p/--processes:"
                        + " fix or unset it");
        assertThatThrownBy(() -> PlanResolver.resolve(RunFlags.none(), Map.of("RIVULET_EPOCH_INTERVAL", "1s")))
                .hasMessageStartingWith("RIVULET_EPOCH_INTERVAL '1s' is not a number of seconds");
    }

    @Test
    void countsMustBePositive() {
        assertThatThrownBy(() -> PlanResolver.resolve(flags(0, null, null, null), NO_ENV))
                .hasMessage("-p/--processes must be at least 1, got 0 (-p 0)");
        assertThatThrownBy(() -> PlanResolver.resolve(RunFlags.none(), Map.of("RIVULET_WORKERS_PER_PROCESS", "0")))
                .hasMessage("-w/--workers-per-process must be at least 1, got 0 (RIVULET_WORKERS_PER_PROCESS=0)");
        assertThatThrownBy(() -> PlanResolver.resolve(flags(null, null, -1, "h:1"), NO_ENV))
                .hasMessageContaining("-i/--process-id must be at least 0, got -1");
    }

    @Test
    void addressesAndProcessIdJoinACluster() {
        ClusterPlan plan = PlanResolver.resolve(flags(null, 2, 1, "h1:2101; h2:2101;"), NO_ENV);
        assertThat(plan.mode()).isEqualTo(ClusterPlan.Mode.JOIN);
        assertThat(plan.addresses()).containsExactly("h1:2101", "h2:2101");
        assertThat(plan.processId()).isEqualTo(1);
        assertThat(plan.processes()).isEqualTo(2);
        assertThat(plan.workersPerProcess()).isEqualTo(2);
    }

    @Test
    void processesTogetherWithAddressesWarnsAndIsIgnored() {
        ClusterPlan plan = PlanResolver.resolve(flags(3, null, 0, "h1:2101;h2:2101"), NO_ENV);
        assertThat(plan.mode()).isEqualTo(ClusterPlan.Mode.JOIN);
        assertThat(plan.processes()).isEqualTo(2);
        assertThat(plan.warnings()).containsExactly("warning: both -p 3 and -a were given; ignoring -p 3"
                + " and joining the cluster of -a/-i. Use -p alone to start a local cluster on this"
                + " machine, or -a with -i to run one process per machine, not both.");

        ClusterPlan fromEnv = PlanResolver.resolve(flags(null, null, 0, null),
                Map.of("RIVULET_PROCESSES", "2", "RIVULET_ADDRESSES", "h:1"));
        assertThat(fromEnv.warnings()).singleElement().asString()
                .startsWith("warning: both RIVULET_PROCESSES=2 and RIVULET_ADDRESSES were given;"
                        + " ignoring RIVULET_PROCESSES=2");
    }

    @Test
    void processIdWithoutAddressesIsAnErrorThatSaysWhatToDo() {
        assertThatThrownBy(() -> PlanResolver.resolve(flags(null, null, 0, null), NO_ENV))
                .isInstanceOf(UsageException.class)
                .hasMessage("a process id (-i 0) needs the addresses of every process in the cluster:"
                        + " pass -a \"host:port;host:port\" (this process's own address included, in"
                        + " process-id order), set RIVULET_ADDRESSES, or set RIVULET_HOSTFILE_PATH to a"
                        + " file with one host:port per line. To run on this machine only, drop the"
                        + " process id and use -p N.");
    }

    @Test
    void addressesWithoutProcessIdIsAnError() {
        assertThatThrownBy(() -> PlanResolver.resolve(flags(2, null, null, "h1:1;h2:2"), NO_ENV))
                .isInstanceOf(UsageException.class)
                .hasMessage("-a lists 2 processes but not which one this is: add -i <0..1> (or set"
                        + " RIVULET_PROCESS_ID, or in Kubernetes RIVULET_POD_NAME and"
                        + " RIVULET_STATEFULSET_NAME). To run on this machine only, drop -a and use -p N.");
    }

    @Test
    void processIdOutOfRange() {
        assertThatThrownBy(() -> PlanResolver.resolve(flags(null, null, 2, "h1:1;h2:2"), NO_ENV))
                .hasMessage("process id 2 (-i 2) is out of range: -a lists 2 addresses, so the process id"
                        + " must be 0..1; every process needs its own id and the address list must"
                        + " name all of them");
        assertThatThrownBy(() -> PlanResolver.resolve(flags(null, null, 1, "h1:1"), NO_ENV))
                .hasMessageContaining("-a lists 1 address, so the process id must be 0;");
    }

    @Test
    void badAddressSyntax() {
        assertThatThrownBy(() -> PlanResolver.resolve(flags(null, null, 0, "h1:2101;h2"), NO_ENV))
                .hasMessage("address 'h2' in -a is not host:port; write each process as host:port (for"
                        + " example 10.0.0.5:2101 or [::1]:2101), separated by ';'");
        assertThatThrownBy(() -> PlanResolver.resolve(flags(null, null, 0, "h1:70000"), NO_ENV))
                .hasMessage("address 'h1:70000' in -a has port 70000, which is not in 1..65535");
        assertThatThrownBy(() -> PlanResolver.resolve(flags(null, null, 0, "h1:1;h1:1"), NO_ENV))
                .hasMessage("address 'h1:1' appears twice in -a; every process needs its own host:port");
        assertThatThrownBy(() -> PlanResolver.resolve(flags(null, null, 0, " ; "), NO_ENV))
                .hasMessageStartingWith("-a is empty;");
        assertThat(PlanResolver.resolve(flags(null, null, 1, "[::1]:2101;127.0.0.2:2101"), NO_ENV)
                .addresses()).containsExactly("[::1]:2101", "127.0.0.2:2101");
    }

    @Test
    void statefulSetPodNameGivesTheProcessId() {
        Map<String, String> env = Map.of("RIVULET_POD_NAME", "word-count-2", "RIVULET_STATEFULSET_NAME",
                "word-count", "RIVULET_ADDRESSES", "a:1;b:1;c:1");
        ClusterPlan plan = PlanResolver.resolve(RunFlags.none(), env);
        assertThat(plan.mode()).isEqualTo(ClusterPlan.Mode.JOIN);
        assertThat(plan.processId()).isEqualTo(2);
        assertThat(PlanResolver.resolve(flags(null, null, 0, null), env).processId())
                .as("-i beats the pod name").isZero();
    }

    @Test
    void podNameThatDoesNotMatchTheStatefulSetIsAnError() {
        Map<String, String> env = Map.of("RIVULET_POD_NAME", "other-2", "RIVULET_STATEFULSET_NAME",
                "word-count", "RIVULET_ADDRESSES", "a:1;b:1;c:1");
        assertThatThrownBy(() -> PlanResolver.resolve(RunFlags.none(), env))
                .hasMessage("cannot take the process id from pod name 'other-2': RIVULET_POD_NAME must be"
                        + " 'word-count-<n>' because RIVULET_STATEFULSET_NAME is 'word-count'; fix the"
                        + " StatefulSet name, or pass -i explicitly");
        assertThatThrownBy(() -> Addresses.podOrdinal("word-count-x", "word-count"))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> PlanResolver.resolve(RunFlags.none(), Map.of("RIVULET_POD_NAME", "wc-0")))
                .hasMessage("RIVULET_POD_NAME is set but RIVULET_STATEFULSET_NAME is not: set both to take"
                        + " the process id from the pod name (<statefulset>-<n>), or neither and pass -i");
    }

    @Test
    void hostfileGivesAddressesWhenAProcessIdIsKnown(@TempDir Path dir) throws Exception {
        Path hostfile = dir.resolve("hosts");
        Files.writeString(hostfile, "# the cluster\nworker-0.svc:2101\n\n  worker-1.svc:2101  # second\n");
        Map<String, String> env = Map.of("RIVULET_HOSTFILE_PATH", hostfile.toString());
        ClusterPlan plan = PlanResolver.resolve(flags(null, null, 1, null), env);
        assertThat(plan.addresses()).containsExactly("worker-0.svc:2101", "worker-1.svc:2101");
        assertThat(plan.processId()).isEqualTo(1);
        assertThat(PlanResolver.resolve(RunFlags.none(), env).mode())
                .as("without a process id the hostfile is not read").isEqualTo(ClusterPlan.Mode.IN_PROCESS);
        assertThat(PlanResolver.resolve(flags(null, null, 0, "x:1"), env).addresses())
                .as("-a beats the hostfile").containsExactly("x:1");
    }

    @Test
    void hostfileProblemsAreReported(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> PlanResolver.resolve(flags(null, null, 0, null),
                Map.of("RIVULET_HOSTFILE_PATH", missing.toString())))
                .hasMessageStartingWith("cannot read the hostfile " + missing + " named by RIVULET_HOSTFILE_PATH");
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n\n");
        assertThatThrownBy(() -> Addresses.readHostfile(empty))
                .hasMessage("the hostfile " + empty + " (RIVULET_HOSTFILE_PATH) lists no addresses; write"
                        + " one host:port per line, one line per process");
        Path bad = Files.writeString(dir.resolve("bad"), "h:1\nnot-an-address\n");
        assertThatThrownBy(() -> Addresses.readHostfile(bad))
                .hasMessageStartingWith("address 'not-an-address' in hostfile " + bad + " is not host:port");
    }

    @Test
    void epochIntervalAcceptsFractionsAndZero() {
        assertThat(PlanResolver.parseEpochInterval("0.5", "--epoch-interval")).isEqualTo(Duration.ofMillis(500));
        assertThat(PlanResolver.parseEpochInterval("10", "--epoch-interval")).isEqualTo(Duration.ofSeconds(10));
        assertThat(PlanResolver.parseEpochInterval("0.001", "--epoch-interval")).isEqualTo(Duration.ofMillis(1));
        ClusterPlan zero = PlanResolver.resolve(new RunFlags(null, null, null, null, null, "0"), NO_ENV);
        assertThat(zero.runOptions().epochs().isTesting()).isTrue();
        ClusterPlan half = PlanResolver.resolve(new RunFlags(null, null, null, null, null, "0.5"), NO_ENV);
        assertThat(half.runOptions().epochs().interval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void badEpochIntervals() {
        assertThatThrownBy(() -> PlanResolver.parseEpochInterval("-1", "--epoch-interval"))
                .hasMessage("--epoch-interval '-1' is negative; the epoch interval must be 0 (one item per"
                        + " input partition per epoch) or a positive number of seconds");
        assertThatThrownBy(() -> PlanResolver.parseEpochInterval("0,5", "--epoch-interval"))
                .hasMessage("--epoch-interval '0,5' is not a number of seconds; examples: 10, 0.5, 0"
                        + " (0 = one item per input partition per epoch, for tests)");
        assertThatThrownBy(() -> PlanResolver.parseEpochInterval("0.0000000001", "--epoch-interval"))
                .hasMessageContaining("is shorter than a nanosecond");
        assertThatThrownBy(() -> PlanResolver.parseEpochInterval("1e300", "--epoch-interval"))
                .hasMessageContaining("is too large");
    }

    @Test
    void sqliteDirectoryIsOnlyTurnedIntoARecoveryConfigWhenGiven() {
        ClusterPlan plan = PlanResolver.resolve(RunFlags.none(), NO_ENV);
        assertThat(plan.sqliteDirectory()).isNull();
        assertThat(plan.runOptions().recovery()).isSameAs(RecoveryConfig.none());
        assertThat(PlanResolver.resolve(new RunFlags(null, null, null, null, "state", null), NO_ENV)
                .sqliteDirectory()).isEqualTo(Path.of("state"));
        assertThat(List.of(EnvVar.values())).hasSize(10);
    }
}
