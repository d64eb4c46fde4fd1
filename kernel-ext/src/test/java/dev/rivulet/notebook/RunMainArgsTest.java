package dev.rivulet.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunMainArgsTest {

    @Test
    void aBareExpressionRunsWithDefaults() {
        RunMainArgs a = RunMainArgs.parse(List.of("flow"));

        assertThat(a.expression()).isEqualTo("flow");
        assertThat(a.workers()).isEqualTo(1);
        assertThat(a.epochInterval()).isNull();
        assertThat(a.recovery()).isFalse();
        assertThat(a.help()).isFalse();
    }

    @Test
    void everyOptionIsParsedAndTheRestIsTheExpression() {
        RunMainArgs a = RunMainArgs.parse(List.of("--workers", "4", "--epoch-interval", "0.5", "--recovery",
                "build(lines,", "2)"));

        assertThat(a.workers()).isEqualTo(4);
        assertThat(a.epochInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(a.recovery()).isTrue();
        assertThat(a.recoveryDir()).isNull();
        assertThat(a.expression()).isEqualTo("build(lines, 2)");
    }

    @Test
    void inlineValuesAndShortNamesWork() {
        RunMainArgs a = RunMainArgs.parse(List.of("-w", "2", "--epoch-interval=0", "--recovery=state/wc", "flow"));

        assertThat(a.workers()).isEqualTo(2);
        assertThat(a.epochInterval()).isEqualTo(Duration.ZERO);
        assertThat(a.recoveryDir()).isEqualTo(Path.of("state/wc"));
    }

    @Test
    void workersParseTheSameWayInEveryMagic() {
        for (List<String> spelling : List.of(List.of("-w2", "flow"), List.of("-w", "2", "flow"),
                List.of("--workers=2", "flow"), List.of("--workers", "2", "flow"), List.of("-w=2", "flow"))) {
            assertThat(RunMainArgs.parse(spelling).workers()).as("%run_main %s", spelling).isEqualTo(2);
            assertThat(SpawnClusterArgs.parse(spelling).run().workers()).as("%spawn_cluster %s", spelling).isEqualTo(2);
        }
        for (List<String> spelling : List.of(List.of("-p3", "flow"), List.of("-p", "3", "flow"), List.of("-p=3", "flow"),
                List.of("--processes=3", "flow"), List.of("--processes", "3", "flow"))) {
            assertThat(SpawnClusterArgs.parse(spelling).processes()).as("%spawn_cluster %s", spelling).isEqualTo(3);
        }
        assertThatThrownBy(() -> RunMainArgs.parse(List.of("-w0", "flow")))
                .hasMessageContaining("--workers needs a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> RunMainArgs.parse(List.of("-x2", "flow"))).hasMessageContaining("unknown option -x2");
    }

    @Test
    void helpWinsOverEverythingElse() {
        assertThat(RunMainArgs.parse(List.of("--help")).help()).isTrue();
        assertThat(RunMainArgs.parse(List.of("-w", "2", "-h")).help()).isTrue();
    }

    @Test
    void mistakesSayWhatWasWrongAndShowTheUsage() {
        assertThatThrownBy(() -> RunMainArgs.parse(List.of("--bogus", "flow")))
                .isInstanceOf(MagicUsageException.class)
                .hasMessageContaining("unknown option --bogus").hasMessageContaining("usage: %run_main");
        assertThatThrownBy(() -> RunMainArgs.parse(List.of("--workers", "0", "flow")))
                .hasMessageContaining("--workers needs a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> RunMainArgs.parse(List.of("--epoch-interval", "-1", "flow")))
                .hasMessageContaining("--epoch-interval needs seconds");
        assertThatThrownBy(() -> RunMainArgs.parse(List.of("--workers")))
                .hasMessageContaining("--workers needs a number of workers");
        assertThatThrownBy(() -> RunMainArgs.parse(List.of("--recovery")))
                .hasMessageContaining("missing the flow");
        assertThatThrownBy(() -> RunMainArgs.parse(List.of("--recovery=", "flow")))
                .hasMessageContaining("--recovery= needs a directory");
    }

    @Test
    void theNotebookNameComesFromTheSessionName() {
        assertThat(Notebook.notebookName("/home/ann/work/01-quickstart.ipynb")).isEqualTo("01-quickstart");
        assertThat(Notebook.notebookName("My Notes.ipynb")).isEqualTo("My_Notes");
        assertThat(Notebook.notebookName(null)).isEqualTo("notebook");
    }
}
