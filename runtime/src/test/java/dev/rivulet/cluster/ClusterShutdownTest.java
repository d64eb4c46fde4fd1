package dev.rivulet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Rivulet;
import dev.rivulet.RivuletException;
import dev.rivulet.RunCancelledException;
import dev.rivulet.RunOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import dev.rivulet.testing.NoLeftoverProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A spawned cluster stops promptly, with no process left, when a child dies or the caller is interrupted. */
@Timeout(60)
class ClusterShutdownTest {

    @AfterEach
    void noChildProcessesLeft() throws InterruptedException {
        NoLeftoverProcesses.assertNone();
    }

    /** Starts a 2×1 cluster whose source pauses for a minute; returns once items flowed. */
    private static CompletableFuture<Object> startSlowCluster(AtomicReference<Thread> caller) throws Exception {
        CountDownLatch flowing = new CountDownLatch(1);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(Rivulet.spawnCluster(ClusterFlows.slowWordCount(Duration.ofMinutes(1)), 2, 1,
                        RunOptions.defaults().onCapture((step, worker, epoch, items) -> flowing.countDown())));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "spawn-caller");
        caller.set(thread);
        thread.start();
        assertThat(flowing.await(30, TimeUnit.SECONDS)).as("items flowed").isTrue();
        return outcome;
    }

    @Test
    void aKilledChildFailsTheRunPromptlyAndTakesTheOthersDown() throws Exception {
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<Object> outcome = startSlowCluster(caller);
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        assertThat(children).hasSize(2);
        ProcessHandle victim = children.get(0);
        victim.destroyForcibly();
        Object result = outcome.get(10, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(RivuletException.class);
        assertThat(((RivuletException) result).getMessage())
                .contains("pid " + victim.pid(), "exited unexpectedly", "exit code 137");
    }

    @Test
    void childrenExitWhenTheirParentDies() throws Exception {
        Process parent = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), ParentThatDies.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> pids = new java.util.ArrayList<>();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("CHILDREN ")) {
                    for (String pid : line.substring(9).trim().split(" ")) {
                        pids.add(Long.parseLong(pid));
                    }
                }
            }
        } finally {
            assertThat(parent.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(pids).hasSize(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (long pid : pids) {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("child %d of the dead parent is gone", pid).isFalse();
        }
    }

    @Test
    void interruptingTheCallerKillsEveryChild() throws Exception {
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<Object> outcome = startSlowCluster(caller);
        caller.get().interrupt();
        Object result = outcome.get(10, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(RunCancelledException.class);
        assertThat(((RunCancelledException) result).getMessage()).contains("interrupted");
    }
}
