package dev.rivulet.engine;

import dev.rivulet.RivuletException;
import dev.rivulet.RunCancelledException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a flow on {@code workers} threads of this process (or on the calling thread when there is
 * one worker) and returns when every worker has stopped. A failure stops all workers promptly and
 * is thrown once; an interrupt of the calling thread cancels the run.
 */
public final class LocalExecution {

    private LocalExecution() {
    }

    public static void run(List<Step> steps, int workers, RunSettings settings) {
        long startEpoch = settings.recovery().agree(List.of(settings.recovery().report())).epoch();
        settings.recovery().begin(startEpoch);
        LocalTransport transport = new LocalTransport(workers, startEpoch);
        RunControl control = new RunControl();
        control.onStop(transport::wakeAll);
        if (workers == 1) {
            new Worker(steps, new WorkerInfo(0, 1), transport, settings, control, startEpoch).run();
        } else {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Worker worker = new Worker(steps, new WorkerInfo(i, workers), transport, settings,
                        control, startEpoch);
                Thread thread = new Thread(worker, "rivulet-worker-" + i);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            boolean interrupted = false;
            for (Thread thread : threads) {
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        control.cancel("interrupted: the run was cancelled");
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        RivuletException failure = control.failure();
        if (failure != null) {
            if (failure instanceof RunCancelledException) {
                Thread.currentThread().interrupt();
            }
            throw failure;
        }
    }
}
