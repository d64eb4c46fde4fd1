package dev.rivulet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

/** Tests that start worker JVMs end by checking that none is left (waiting briefly for exits). */
public final class NoLeftoverProcesses {

    private NoLeftoverProcesses() {
    }

    /** Waits up to 10 s for this JVM's child processes to end, then asserts there are none. */
    public static void assertNone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.current().descendants().findAny().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.current().descendants().map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                .isEmpty();
    }
}
