package dev.rivulet.kafka.internals;

import java.io.Serializable;

/** Turns a flow item into an encoded record. */
@FunctionalInterface
public interface RecordMapper<T> extends Serializable {
    OutRecord map(T item) throws Exception;
}
