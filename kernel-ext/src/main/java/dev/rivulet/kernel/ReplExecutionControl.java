package dev.rivulet.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs cell code in this JVM (so magics reach live objects) on one dedicated cell thread, and
 * hands back the real result objects instead of JShell's strings: each invocation returns a key
 * that {@link #take(String)} exchanges for the value. Interrupting interrupts the cell thread;
 * code that ignores interrupts for {@link #STOP_AFTER_SECONDS} seconds has its thread stopped.
 */
final class ReplExecutionControl extends DirectExecutionControl {

    /** Seconds an interrupted cell gets to finish on its own before its thread is stopped. */
    static final long STOP_AFTER_SECONDS = 5;
    private static final Object NULL = new Object();

    private final ReplLoaderDelegate delegate;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private volatile ExecutorService executor;
    private volatile Thread cellThread;
    private volatile Future<Object> running;
    /** Set by an interrupt of the running task, so that it holds even before the task starts. */
    private volatile boolean interruptPending;
    private volatile Throwable lastFailure;

    ReplExecutionControl(ReplLoaderDelegate delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    /** The provider that hands this control to {@code JShell.builder().executionEngine(...)}. */
    static final class Provider implements ExecutionControlProvider {
        private final ReplExecutionControl control;

        Provider(ReplExecutionControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "rivulet-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }

    ReplClassLoader loader() {
        return delegate.loader();
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        if (Thread.currentThread() == cellThread) {
            // a magic evaluating an expression from inside a running cell
            return store(callUnwrapped(doit));
        }
        interruptPending = false;
        Future<Object> task = executor().submit(() -> {
            // The pool clears a thread's interrupt before it runs a task: an interrupt that came
            // between submit and start would be lost, and the cell would run on.
            if (interruptPending) {
                Thread.currentThread().interrupt();
            }
            return callUnwrapped(doit);
        });
        running = task;
        try {
            return store(task.get());
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        } catch (CancellationException e) {
            throw new UserException("the cell was interrupted and did not stop within "
                    + STOP_AFTER_SECONDS + " s, so its thread was stopped", "java.lang.InterruptedException",
                    new StackTraceElement[0]);
        } finally {
            running = null;
        }
    }

    /** Runs the wrapper method; remembers the real exception of a failing cell. */
    private Object callUnwrapped(Method doit) throws Exception {
        try {
            return doit.invoke(null);
        } catch (InvocationTargetException e) {
            lastFailure = e.getCause();
            throw e;
        }
    }

    private String store(Object value) {
        String key = "#rivulet-value-" + keys.incrementAndGet();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    /** Whether {@code key} is one of ours (JShell may produce other value strings). */
    boolean hasValue(String key) {
        return key != null && results.containsKey(key);
    }

    /** The value stored under {@code key}, removed (null for a null value). */
    Object take(String key) {
        Object value = key == null ? null : results.remove(key);
        return value == NULL ? null : value;
    }

    /** The exception thrown by the last failing cell code, cleared. */
    Throwable takeLastFailure() {
        Throwable t = lastFailure;
        lastFailure = null;
        return t;
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "rivulet-cell");
                t.setDaemon(true);
                t.setContextClassLoader(delegate.loader());
                cellThread = t;
                return t;
            });
        }
        return executor;
    }

    /** Whether cell code is running on the cell thread now. */
    boolean isCellRunning() {
        return running != null;
    }

    /**
     * Interrupts the running cell. If it has not ended after {@link #STOP_AFTER_SECONDS}, its
     * thread is stopped (or, where the JVM no longer allows that, abandoned for a new one).
     */
    @SuppressWarnings("removal")
    void interruptCell() {
        Future<Object> task = running;
        Thread thread = cellThread;
        if (task == null || thread == null) {
            return;
        }
        interruptPending = true;
        thread.interrupt();
        Thread watchdog = new Thread(() -> {
            try {
                task.get(STOP_AFTER_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (task.isDone()) {
                    return;
                }
            }
            try {
                thread.stop();
            } catch (UnsupportedOperationException unsupported) {
                synchronized (this) {
                    executor = null; // leave the stuck thread behind; the next cell gets a new one
                }
                task.cancel(true);
            }
        }, "rivulet-interrupt-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @Override
    public void stop() {
        interruptCell();
    }

    @Override
    public void close() {
        ExecutorService e = executor;
        if (e != null) {
            e.shutdownNow();
        }
        super.close();
    }
}
