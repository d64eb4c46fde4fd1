package dev.rivulet;

import java.io.Serializable;

/**
 * What a {@link KeyedStream#statefulMap statefulMap} mapper returns: the key's new state and the
 * value to emit. A {@code null} state forgets the key's state; the next value for that key starts
 * again from the builder.
 *
 * <pre>{@code
 * .statefulMap("running-count", () -> 0L, (count, word) -> StateUpdate.of(count + 1, count + 1))
 * }</pre>
 */
public record StateUpdate<S, R>(S state, R output) implements Serializable {

    /** Keeps {@code state} (or forgets the key's state when it is {@code null}) and emits {@code output}. */
    public static <S, R> StateUpdate<S, R> of(S state, R output) {
        return new StateUpdate<>(state, output);
    }

    /** Forgets the key's state and emits {@code output}. */
    public static <S, R> StateUpdate<S, R> discard(R output) {
        return new StateUpdate<>(null, output);
    }
}
