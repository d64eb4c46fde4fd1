package dev.rivulet.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpawnClusterArgsTest {

    @Test
    void shortAndLongFormsAndTheExpression() {
        SpawnClusterArgs a = SpawnClusterArgs.parse(List.of("-p2", "-w2", "flow"));
        assertThat(a.processes()).isEqualTo(2);
        assertThat(a.run().workers()).isEqualTo(2);
        assertThat(a.run().expression()).isEqualTo("flow");
        SpawnClusterArgs b = SpawnClusterArgs.parse(List.of("-p", "3", "--workers", "4", "--epoch-interval", "0.5",
                "--recovery=state", "--fresh", "flows.get(0)"));
        assertThat(b.processes()).isEqualTo(3);
        assertThat(b.run().workers()).isEqualTo(4);
        assertThat(b.epochInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(b.run().recovery()).isTrue();
        assertThat(b.recoveryDir()).isEqualTo(Path.of("state"));
        assertThat(b.fresh()).isTrue();
        assertThat(b.run().expression()).isEqualTo("flows.get(0)");
        assertThat(SpawnClusterArgs.parse(List.of("flow")).processes()).isEqualTo(2);
    }

    @Test
    void errorsSayWhatIsWrongAndShowTheUsage() {
        assertThatThrownBy(() -> SpawnClusterArgs.parse(List.of("-p0", "flow")))
                .hasMessageStartingWith("%spawn_cluster: -p needs a whole number of at least 1, got '0'")
                .hasMessageContaining("usage: %spawn_cluster");
        assertThatThrownBy(() -> SpawnClusterArgs.parse(List.of("-p2")))
                .hasMessageContaining("missing the flow").hasMessageContaining("%spawn_cluster");
        assertThatThrownBy(() -> SpawnClusterArgs.parse(List.of("--bogus", "flow")))
                .hasMessageContaining("unknown option --bogus");
        assertThat(SpawnClusterArgs.parse(List.of("--help")).run().help()).isTrue();
    }
}
