package dev.rivulet.io;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A replayable source over a list, for tests and teaching: one partition named {@code "iter"},
 * resume position = the index of the next item (so position 0 is a real position, unlike in
 * Bytewax).
 *
 * <p>Sentinels script failures and pauses between items (build them with {@link #builder()}):
 * <ul>
 *   <li>{@code abort()}: the first time it is reached in this JVM, the run fails with
 *       {@link AbortExecution} (a simulated crash); a resumed run passes it silently.</li>
 *   <li>{@code eof()}: the partition ends there, as if the data stopped; a resumed
 *       (continuation) run goes on with the items after it.</li>
 *   <li>{@code pause(d)}: nothing is produced for {@code d} of wall-clock time.</li>
 * </ul>
 *
 * <pre>{@code
 * var source = TestingSource.<String>builder().items("a", "b").abort().items("c").build();
 * }</pre>
 */
public final class TestingSource<T> implements PartitionedSource<T, Integer> {
    private static final long serialVersionUID = 1L;
    public static final String PARTITION = "iter";

    private final List<Object> entries;

    private TestingSource(List<Object> entries) {
        this.entries = entries;
    }

    /** A source over {@code items}, in order. */
    public static <T> TestingSource<T> of(List<? extends T> items) {
        Objects.requireNonNull(items, "items");
        return new TestingSource<>(new ArrayList<>(items));
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Thrown by an {@code abort()} sentinel: a simulated crash. */
    public static final class AbortExecution extends RuntimeException {
        public AbortExecution() {
            super("TestingSource abort sentinel reached (a simulated crash)");
        }
    }

    private record Abort(AtomicBoolean triggered) implements Serializable {
    }

    private record Eof() implements Serializable {
    }

    private record Pause(Duration duration) implements Serializable {
    }

    /** Builds a testing source with sentinels between items. */
    public static final class Builder<T> {
        private final List<Object> entries = new ArrayList<>();

        @SafeVarargs
        public final Builder<T> items(T... items) {
            entries.addAll(List.of(items));
            return this;
        }

        public Builder<T> items(List<? extends T> items) {
            entries.addAll(items);
            return this;
        }

        /** Fails the run here once per JVM. */
        public Builder<T> abort() {
            entries.add(new Abort(new AtomicBoolean()));
            return this;
        }

        /** Ends the partition here; a continuation run reads on from the next item. */
        public Builder<T> eof() {
            entries.add(new Eof());
            return this;
        }

        /** Produces nothing for {@code duration}. */
        public Builder<T> pause(Duration duration) {
            entries.add(new Pause(duration));
            return this;
        }

        public TestingSource<T> build() {
            return new TestingSource<>(new ArrayList<>(entries));
        }
    }

    @Override
    public List<String> listParts() {
        return List.of(PARTITION);
    }

    @Override
    public SourcePartition<T, Integer> buildPart(String partKey, Integer resumeState) {
        int start = resumeState == null ? 0 : resumeState;
        return new SourcePartition<>() {
            private int next = start;
            private long pausedUntil;
            private boolean stopHere;

            @Override
            @SuppressWarnings("unchecked")
            public boolean nextBatch(List<? super T> out, int max) {
                if (System.nanoTime() < pausedUntil) {
                    return true;
                }
                int added = 0;
                while (added < max && next < entries.size()) {
                    Object entry = entries.get(next);
                    if (entry instanceof Abort abort) {
                        if (added > 0) {
                            return true;
                        }
                        next++;
                        if (abort.triggered().compareAndSet(false, true)) {
                            throw new AbortExecution();
                        }
                    } else if (entry instanceof Eof) {
                        next++;
                        return false;
                    } else if (entry instanceof Pause pause) {
                        next++;
                        pausedUntil = System.nanoTime() + pause.duration().toNanos();
                        return true;
                    } else {
                        out.add((T) entry);
                        next++;
                        added++;
                    }
                }
                return next < entries.size();
            }

            @Override
            public Integer snapshot() {
                return next;
            }

            @Override
            public long estimatedSize() {
                return entries.size();
            }

            @Override
            public long consumed() {
                return next;
            }
        };
    }
}
