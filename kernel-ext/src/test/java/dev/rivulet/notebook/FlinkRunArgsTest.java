package dev.rivulet.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkRunArgsTest {

    @Test
    void masterAndParallelismInEveryFormAndRunMainsOptionsPassThrough() {
        FlinkRunMagic.Args a = FlinkRunMagic.parse(List.of("--master", "jm:8081", "-p2", "--epoch-interval", "0.5",
                "--recovery", "my", "flow"));
        assertThat(a.master()).isEqualTo("jm:8081");
        assertThat(a.parallelism()).isEqualTo(2);
        assertThat(a.run().epochInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(a.run().recovery()).isTrue();
        assertThat(a.run().expression()).isEqualTo("my flow");

        FlinkRunMagic.Args b = FlinkRunMagic.parse(List.of("-m=h:1", "--parallelism", "3", "flow"));
        assertThat(b.master()).isEqualTo("h:1");
        assertThat(b.parallelism()).isEqualTo(3);
        assertThat(b.run().expression()).isEqualTo("flow");

        FlinkRunMagic.Args c = FlinkRunMagic.parse(List.of("flow"));
        assertThat(c.master()).isNull();
        assertThat(c.parallelism()).isEqualTo(1);
        assertThat(FlinkRunMagic.parse(List.of("--help")).run().help()).isTrue();
    }

    @Test
    void mistakesNameTheMagicAndTheFix() {
        assertThatThrownBy(() -> FlinkRunMagic.parse(List.of("-w2", "flow")))
                .isInstanceOf(MagicUsageException.class).hasMessageContaining("%flink_run").hasMessageContaining("-p N");
        assertThatThrownBy(() -> FlinkRunMagic.parse(List.of("-p0", "flow")))
                .hasMessageContaining("-p needs a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> FlinkRunMagic.parse(List.of("--master")))
                .hasMessageContaining("--master needs a value");
        assertThatThrownBy(() -> FlinkRunMagic.parse(List.of("-p", "2")))
                .hasMessageContaining("%flink_run: missing the flow")
                .satisfies(e -> assertThat(e.getMessage().lines().findFirst().orElseThrow()).doesNotContain("%run_main"));
    }
}
