package dev.rivulet.fn;

import java.io.Serializable;

/** Looks at an item together with the epoch it belongs to: {@code (epoch, x) -> log(epoch, x)}. */
@FunctionalInterface
public interface InspectEpochFn<T> extends Serializable {
    void accept(long epoch, T item) throws Exception;
}
