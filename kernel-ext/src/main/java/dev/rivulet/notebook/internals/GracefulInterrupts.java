package dev.rivulet.notebook.internals;

import dev.rivulet.notebook.NotebookHost;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Interrupts that let a run end cleanly in IJava 1.3.0 and JJava 1.0-a6. Both kernels interrupt by
 * cancelling the cell's future ({@code running.forEach((id, f) -> f.cancel(true))} in their
 * execution control): the cell ends at once, while the run goes on in the background and its final
 * display update, sent after the cell ended, is dropped. While a {@link #hold} is open, the running
 * cell's future in that map is wrapped so that the kernel's cancel first interrupts the cell's
 * thread (which cancels the run, as in the bundled kernel) and waits until the cell is done (at
 * most a grace period; then the kernel's own cancel goes ahead).
 *
 * <p>Reached by reflection (neither kernel is a compile-time dependency); when a kernel is laid
 * out differently, {@link #hold} does nothing and interrupts behave as the kernel's own.
 */
public final class GracefulInterrupts {

    private GracefulInterrupts() {
    }

    /**
     * Until the returned handle is closed, an interrupt of {@code kernel} reaches {@code cell} as
     * {@link Thread#interrupt()} and the kernel ends the cell only once {@code cell} has finished it
     * (or after {@code grace}). Call on the cell's thread.
     */
    public static NotebookHost.InterruptHold hold(Object kernel, Thread cell, Duration grace) {
        Map<String, Future<Object>> running = runningCells(kernel);
        if (running == null) {
            return () -> { };
        }
        List<Map.Entry<String, Graceful>> wrapped = new ArrayList<>();
        for (Map.Entry<String, Future<Object>> entry : running.entrySet()) {
            Future<Object> future = entry.getValue();
            if (!future.isDone() && !(future instanceof Graceful)) {
                Graceful graceful = new Graceful(future, cell, grace.toNanos());
                if (running.replace(entry.getKey(), future, graceful)) {
                    wrapped.add(Map.entry(entry.getKey(), graceful));
                }
            }
        }
        return () -> wrapped.forEach(e -> running.replace(e.getKey(), e.getValue(), e.getValue().real));
    }

    /**
     * The {@code running} map of the kernel's execution control: kernel field {@code evaluator},
     * its execution-control provider and id, {@code getRegisteredControlByID(id)}, then the
     * control's {@code running} field. Null when any step is missing.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Future<Object>> runningCells(Object kernel) {
        try {
            Object evaluator = field(kernel, "evaluator");
            Object provider = null;
            String id = null;
            for (Field f : allFields(evaluator.getClass())) {
                f.setAccessible(true);
                if (f.getType().getSimpleName().endsWith("ExecutionControlProvider")) {
                    provider = f.get(evaluator);
                } else if (f.getType() == String.class && f.getName().toLowerCase().endsWith("id")) {
                    id = (String) f.get(evaluator);
                }
            }
            if (provider == null || id == null) {
                return null;
            }
            Method byId = provider.getClass().getMethod("getRegisteredControlByID", String.class);
            Object control = byId.invoke(provider, id);
            Object running = control == null ? null : field(control, "running");
            return running instanceof Map<?, ?> map ? (Map<String, Future<Object>>) map : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Field f : allFields(owner.getClass())) {
            if (f.getName().equals(name)) {
                f.setAccessible(true);
                return f.get(owner);
            }
        }
        throw new NoSuchFieldException(name);
    }

    private static List<Field> allFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            fields.addAll(List.of(t.getDeclaredFields()));
        }
        return fields;
    }

    /** A cell's future whose cancel lets the cell's own thread finish first. */
    static final class Graceful implements Future<Object> {
        final Future<Object> real;
        private final Thread cell;
        private final long graceNanos;

        Graceful(Future<Object> real, Thread cell, long graceNanos) {
            this.real = real;
            this.cell = cell;
            this.graceNanos = graceNanos;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (real.isDone()) {
                return false;
            }
            cell.interrupt();
            try {
                real.get(graceNanos, TimeUnit.NANOSECONDS);
                return false; // the cell ended by itself, reporting the cancelled run
            } catch (ExecutionException | CancellationException e) {
                return false;
            } catch (TimeoutException e) {
                return real.cancel(mayInterruptIfRunning); // the cell ignored the interrupt
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return real.cancel(mayInterruptIfRunning);
            }
        }

        @Override
        public boolean isCancelled() {
            return real.isCancelled();
        }

        @Override
        public boolean isDone() {
            return real.isDone();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return real.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return real.get(timeout, unit);
        }
    }
}
