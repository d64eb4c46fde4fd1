package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Routing stability: the same key goes to the same worker in every JVM and every run. */
class StableHashTest {

    enum Color { RED, GREEN }

    record Point(int x, String label) {
    }

    /** Keys of every supported kind; printed by {@link #main} in a second JVM. */
    static List<Object> sampleKeys() {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add("word-" + i);
            keys.add(i);
            keys.add((long) i * 1_000_003L);
        }
        keys.add(Color.RED);
        keys.add(Color.GREEN);
        keys.add(new Point(3, "p"));
        keys.add(List.of("a", 1, Color.GREEN));
        keys.add(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        keys.add(new BigDecimal("12.50"));
        keys.add(LocalDate.of(2026, 11, 22));
        keys.add(3.5d);
        keys.add('c');
        keys.add(true);
        return keys;
    }

    static String fingerprint() {
        StringBuilder text = new StringBuilder();
        for (Object key : sampleKeys()) {
            text.append(StableHash.of(key)).append(' ').append(StableHash.workerFor(key, 7)).append('\n');
        }
        return text.toString();
    }

    /** Entry point of the second JVM. */
    public static void main(String[] args) {
        System.out.print(fingerprint());
    }

    @Test
    void sameWorkerInASeparateJvm() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StableHashTest.class.getName()).redirectErrorStream(true).start();
        String other = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(other).isEqualTo(fingerprint());
    }

    @Test
    void enumsHashByName() {
        assertThat(StableHash.of(Color.RED)).isEqualTo(StableHash.of(Other.RED));
    }

    enum Other { BLUE, RED }

    @Test
    void keysSpreadOverWorkers() {
        int[] counts = new int[4];
        for (int i = 0; i < 40_000; i++) {
            counts[StableHash.workerFor("key-" + i, 4)]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_000, 11_000);
        }
        int[] small = new int[4];
        for (int i = 0; i < 4_000; i++) {
            small[StableHash.workerFor(i, 4)]++;
        }
        for (int count : small) {
            assertThat(count).isBetween(800, 1_200);
        }
    }

    @Test
    void everyWorkerCountRoutesAsFloorModOfTheHash() {
        // Recovery files record which worker owned a key: the mapping may never change, whatever
        // fast path computes it (powers of two use a mask).
        for (int workers = 1; workers <= 9; workers++) {
            for (long i = -5_000; i < 5_000; i++) {
                Object key = i % 2 == 0 ? (Object) i : "k" + i;
                assertThat(StableHash.workerFor(key, workers))
                        .isEqualTo((int) Math.floorMod(StableHash.of(key), (long) workers));
            }
        }
    }

    @Test
    void unsupportedKeysAreRejected() {
        assertThatThrownBy(() -> StableHash.of(new File("x")))
                .isInstanceOf(StableHash.UnroutableKeyException.class)
                .hasMessageContaining("a key of class java.io.File");
        assertThatThrownBy(() -> StableHash.of(List.of("a", new Object())))
                .hasMessageContaining("java.lang.Object");
        assertThat(StableHash.isRoutable(null)).isFalse();
        assertThat(StableHash.isRoutable(new Point(1, "a"))).isTrue();
    }
}
