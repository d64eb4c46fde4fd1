package dev.rivulet.engine;

import java.util.function.Consumer;

/**
 * Where a {@link KeyedLogic} sends what it produces for its key: {@link #accept} emits a value on
 * the main output (the engine pairs it with the key), {@link #emit(int, Object)} on another
 * port (a window's late items), {@link #countLate} adds to the step's late-item statistics.
 */
public interface KeyedOutput extends Consumer<Object> {

    /** Emits {@code KV(key, value)} on port 0. */
    @Override
    void accept(Object value);

    /** Emits {@code KV(key, value)} on {@code port}. */
    void emit(int port, Object value);

    /** Counts {@code n} late items in this step's statistics. */
    void countLate(long n);
}
