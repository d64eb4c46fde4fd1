package dev.rivulet.fn;

import java.io.Serializable;

/** Decides whether an accumulator is complete and should be emitted: {@code s -> s.size() == 3}. */
@FunctionalInterface
public interface CompleteFn<A> extends Serializable {
    boolean test(A accumulator) throws Exception;
}
