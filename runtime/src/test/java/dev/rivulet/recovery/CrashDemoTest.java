package dev.rivulet.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.KV;
import dev.rivulet.RecoveryConfig;
import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunOptions;
import dev.rivulet.StateUpdate;
import dev.rivulet.io.Sinks;
import dev.rivulet.io.TestingSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's deliberate crash and resume, as written there (with a list instead of stdout). */
class CrashDemoTest {

    @Test
    void theReadmeCrashDemoResumesWithItsRunningSum(@TempDir Path tmp) {
        List<KV<String, Integer>> printed = new ArrayList<>();
        Dataflow flow = new Dataflow("crash-demo");
        flow.input("numbers", TestingSource.<Integer>builder().items(1, 2, 3).abort().items(4, 5).build())
                .keyBy("all", n -> "total")
                .<Integer, Integer>statefulMap("running-sum", () -> 0, (sum, n) -> StateUpdate.of(sum + n, sum + n))
                .output("print", Sinks.collect(printed));
        RunOptions options = RunOptions.defaults().epochs(EpochConfig.testing())
                .recovery(RecoveryConfig.sqlite(tmp.resolve("state/crash-demo")));
        assertThatThrownBy(() -> Rivulet.runMain(flow, options)).isInstanceOf(RivuletException.class);
        assertThat(printed).extracting(KV::value).containsExactly(1, 3, 6);
        printed.clear();
        Rivulet.runMain(flow, options);
        assertThat(printed).extracting(KV::value).containsExactly(10, 15);
    }
}
