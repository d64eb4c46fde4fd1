package dev.rivulet.flink.internals;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;

/** Rivulet items are untyped in the description: every Flink stream of a flow carries {@code Object}s. */
public final class Items {
    /** The type of every stream of a translated flow ({@link ItemSerializer}). */
    public static final TypeInformation<Object> TYPE = new ItemTypeInfo();
    /** The type of keyed and operator state: Kryo, which copies deeply (state may change in place). */
    public static final TypeInformation<Object> STATE_TYPE = new GenericTypeInfo<>(Object.class);

    private Items() {
    }
}
