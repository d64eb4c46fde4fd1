package dev.rivulet.fn;

import dev.rivulet.StateUpdate;
import java.io.Serializable;

/**
 * Combines a key's state with its next value, returning the new state and the value to emit:
 * {@code (count, word) -> StateUpdate.of(count + 1, count + 1)}. Returning a {@code null} state
 * ({@link StateUpdate#discard}) forgets the key's state.
 */
@FunctionalInterface
public interface StatefulMapper<S, V, R> extends Serializable {
    StateUpdate<S, R> apply(S state, V value) throws Exception;
}
