package dev.rivulet.flink.internals;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of every stream of a translated flow: any object, written by {@link ItemSerializer}. */
public final class ItemTypeInfo extends TypeInformation<Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Object> getTypeClass() {
        return Object.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Object> createSerializer(SerializerConfig config) {
        return new ItemSerializer(config);
    }

    @Override
    public String toString() {
        return "RivuletItem";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemTypeInfo;
    }

    @Override
    public int hashCode() {
        return ItemTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof ItemTypeInfo;
    }
}
