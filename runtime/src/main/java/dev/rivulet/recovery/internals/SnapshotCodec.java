package dev.rivulet.recovery.internals;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Turns keys and snapshots into bytes and back with Kryo: records, classes without a no-argument
 * constructor, {@code List.of}-style immutable collections and classes of a notebook's own class
 * loader all work, whether or not they implement {@code Serializable}. One codec per thread (Kryo
 * is not thread-safe).
 */
public final class SnapshotCodec {
    private final Kryo kryo = new Kryo();
    private final Output output = new Output(256, -1);

    public SnapshotCodec() {
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader != null) {
            kryo.setClassLoader(loader);
        }
    }

    /** The bytes of {@code value}; {@code null} stays {@code null} (a discarded state). */
    public byte[] encode(Object value) {
        if (value == null) {
            return null;
        }
        output.reset();
        kryo.writeClassAndObject(output, value);
        return output.toBytes();
    }

    public Object decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return kryo.readClassAndObject(new Input(bytes));
    }
}
