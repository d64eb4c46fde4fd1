package dev.rivulet.fn;

import java.io.Serializable;

/** Creates the initial state for a key that has none: {@code () -> 0L} or {@code ArrayList::new}. */
@FunctionalInterface
public interface StateBuilder<S> extends Serializable {
    S build() throws Exception;
}
