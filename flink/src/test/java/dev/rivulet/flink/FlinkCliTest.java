package dev.rivulet.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.cli.Launcher;
import dev.rivulet.cli.RivuletCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code rivulet run X:flow --engine flink}: the runner is found on the class path and prints the native counts. */
class FlinkCliTest {

    record Run(int status, String out, String err) {
        List<String> sortedLines() {
            return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).sorted().toList();
        }
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RivuletCli.execute(args, Map.of(), Launcher.RIVULET, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void flinkEngineWithParallelismTwoPrintsTheNativeCounts() {
        Run flink = cli("run", "dev.rivulet.flink.TestFlows:wordCount", "--engine", "flink", "-p", "2");
        Run nativeRun = cli("run", "dev.rivulet.flink.TestFlows:wordCount", "-w", "2");
        assertThat(flink.status()).as(flink.err()).isZero();
        assertThat(flink.sortedLines()).isEqualTo(nativeRun.sortedLines()).contains("(be, 400)");
    }

    @Test
    void flinkOptionsWithoutTheFlinkEngineAreAUsageError() {
        Run run = cli("run", "dev.rivulet.flink.TestFlows:wordCount", "--flink-master", "localhost:8081");
        assertThat(run.status()).isEqualTo(RivuletCli.EXIT_USAGE);
        assertThat(run.err()).contains("--flink-master needs --engine flink");
    }
}
