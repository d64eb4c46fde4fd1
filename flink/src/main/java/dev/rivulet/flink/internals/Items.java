package dev.rivulet.flink.internals;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;

/** Rivulet items are untyped in the description: every Flink stream of a flow carries {@code Object}s (Kryo). */
public final class Items {
    /** The type of every stream of a translated flow. */
    public static final TypeInformation<Object> TYPE = new GenericTypeInfo<>(Object.class);

    private Items() {
    }
}
