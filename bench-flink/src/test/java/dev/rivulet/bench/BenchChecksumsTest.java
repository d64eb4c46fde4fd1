package dev.rivulet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark's correctness, not its speed: on a small slice of each workload's input, the
 * limit, Rivulet, Flink and the Rivulet flow on the Flink runner, at parallelism 1 and 2, compute
 * the same checksum (what
 * {@code ./bench.sh --quick} checks at a tenth of the full size, each variant in its own JVM).
 */
class BenchChecksumsTest {
    private static final int SCALE = 200;

    private static long run(Workloads.Body body, Object input, int parallelism) throws Exception {
        Callable<Long> timed = body.prepare(input, parallelism);
        return timed.call();
    }

    @ParameterizedTest
    @ValueSource(strings = {"W1", "W2", "W3"})
    void everySystemComputesTheLimitsChecksum(String workload) throws Exception {
        Object input = Workloads.input(workload, SCALE);
        long limit = run(Workloads.body(workload, "limit"), input, 1);
        if (!workload.equals("W2")) {
            assertThat(run(Workloads.body(workload, "limit"), input, 2)).as("limit-2").isEqualTo(limit);
        }
        for (int p = 1; p <= 2; p++) {
            assertThat(run(Workloads.body(workload, "rivulet"), input, p)).as("rivulet-" + p).isEqualTo(limit);
            assertThat(run(FlinkMain.body(workload), input, p)).as("flink-" + p).isEqualTo(limit);
            assertThat(run(Workloads.rivulet(workload, FlinkMain.RUNNER), input, p)).as("rivulet-on-flink-" + p)
                    .isEqualTo(limit);
        }
    }
}
