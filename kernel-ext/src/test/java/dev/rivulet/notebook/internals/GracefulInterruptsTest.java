package dev.rivulet.notebook.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Interrupts against kernels laid out as IJava 1.3.0's and JJava 1.0-a6's are: the kernel's
 * evaluator holds an execution-control provider and id, the control a {@code running} map of cell
 * futures, and an interrupt cancels every one of them.
 */
class GracefulInterruptsTest {

    /** Shaped like IJavaExecutionControl / JJavaExecutionControl. */
    public static final class FakeExecutionControl {
        private final ExecutorService executor = Executors.newCachedThreadPool();
        private final Map<String, Future<Object>> running = new ConcurrentHashMap<>();

        /** Starts a cell as the kernels do; returns the future the kernel's shell thread waits on. */
        Future<Object> execute(java.util.concurrent.Callable<Object> cell) {
            Future<Object> task = executor.submit(cell);
            running.put(UUID.randomUUID().toString(), task);
            return task;
        }

        public void interrupt() {
            running.forEach((id, future) -> future.cancel(true));
        }
    }

    /** Shaped like IJavaExecutionControlProvider. */
    public static final class FakeExecutionControlProvider {
        final FakeExecutionControl control = new FakeExecutionControl();

        public FakeExecutionControl getRegisteredControlByID(String id) {
            return id.equals("control-1") ? control : null;
        }
    }

    /** Shaped like IJava's CodeEvaluator. */
    static final class FakeCodeEvaluator {
        private final FakeExecutionControlProvider executionControlProvider = new FakeExecutionControlProvider();
        private final String executionControlID = "control-1";
    }

    /** Shaped like IJava's JavaKernel. */
    static final class FakeKernel {
        private final FakeCodeEvaluator evaluator = new FakeCodeEvaluator();

        FakeExecutionControl control() {
            return evaluator.executionControlProvider.control;
        }
    }

    private final FakeKernel kernel = new FakeKernel();

    @AfterEach
    void stop() {
        kernel.control().executor.shutdownNow();
    }

    @Test
    void theRunningCellsAreFoundThroughTheEvaluator() {
        assertThat(GracefulInterrupts.runningCells(kernel)).isSameAs(kernel.control().running);
        assertThat(GracefulInterrupts.runningCells(new Object())).isNull();
    }

    @Test
    void whileHeldAnInterruptLetsTheCellFinishItsCleanUpBeforeTheKernelEndsIt() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        Future<Object> cell = kernel.control().execute(() -> {
            try (var hold = GracefulInterrupts.hold(kernel, Thread.currentThread(), Duration.ofMinutes(1))) {
                held.countDown();
                try {
                    new CountDownLatch(1).await(); // a run, until interrupted
                } catch (InterruptedException e) {
                    Thread.sleep(100); // publishing the final state, which a cancelled cell would lose
                    cleanedUp.set(true);
                    throw new IllegalStateException("run cancelled");
                }
            }
            return null;
        });
        held.await();

        kernel.control().interrupt(); // what the kernel does on interrupt_request

        // the interrupt returned only after the cell was done, and the cell ended with its own report
        assertThat(cleanedUp).isTrue();
        assertThat(cell.isDone()).isTrue();
        assertThat(cell.isCancelled()).isFalse();
        Assertions.assertThatThrownBy(cell::get).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("run cancelled");
        // the hold is closed: the kernel's map holds its own future again, which it removes itself
        assertThat(kernel.control().running.values()).allMatch(f -> f == cell);
    }

    @Test
    void aCellThatIgnoresTheInterruptIsCancelledByTheKernelAfterTheGracePeriod() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Future<Object> cell = kernel.control().execute(() -> {
            GracefulInterrupts.hold(kernel, Thread.currentThread(), Duration.ofMillis(50));
            held.countDown();
            while (never.getCount() > 0) {
                Thread.onSpinWait(); // code that ignores interrupts
            }
            return null;
        });
        held.await();
        kernel.control().interrupt();
        assertThat(cell.isCancelled()).isTrue();
        never.countDown();
    }
}
