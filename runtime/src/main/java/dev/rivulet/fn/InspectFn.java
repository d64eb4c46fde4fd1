package dev.rivulet.fn;

import java.io.Serializable;

/** Looks at an item for its side effect only: {@code x -> System.out.println(x)}. */
@FunctionalInterface
public interface InspectFn<T> extends Serializable {
    void accept(T item) throws Exception;
}
