package dev.rivulet.cluster.internals;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo, configured for items of user flows: no registration needed (class names travel),
 * references kept (shared and cyclic objects survive), records and classes without a no-arg
 * constructor instantiated, JDK immutable collections ({@code List.of}, {@code Map.of}) and
 * {@code Arrays.asList} supported.
 *
 * <p>Kryo is not thread-safe: one instance per thread ({@link #forThread}) for encoding on
 * worker threads, and one per connection for decoding on its event loop.
 */
public final class ItemSerializer {
    private static final int INITIAL_BUFFER = 8 * 1024;

    private final Kryo kryo;
    private final Output output = new Output(INITIAL_BUFFER, -1);

    /** @param classLoader where classes named in the stream are looked up (a job's own loader) */
    public ItemSerializer(ClassLoader classLoader) {
        kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setClassLoader(classLoader);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        kryo.addDefaultSerializer(Arrays.asList().getClass(), new ArraysAsListSerializer());
    }

    private static final ThreadLocal<ItemSerializer> PER_THREAD = new ThreadLocal<>();

    /**
     * This thread's serializer for {@code classLoader} (a new one when the thread's previous
     * serializer used another loader, as when a notebook reloads its classes).
     */
    public static ItemSerializer forThread(ClassLoader classLoader) {
        ItemSerializer serializer = PER_THREAD.get();
        if (serializer == null || serializer.kryo.getClassLoader() != classLoader) {
            serializer = new ItemSerializer(classLoader);
            PER_THREAD.set(serializer);
        }
        return serializer;
    }

    /** Appends {@code count} items to {@code target} (references are shared within one call). */
    public void writeItems(Object[] items, int count, ByteBuf target) {
        output.reset();
        output.writeVarInt(count, true);
        for (int i = 0; i < count; i++) {
            kryo.writeClassAndObject(output, items[i]);
        }
        kryo.reset();
        target.writeBytes(output.getBuffer(), 0, output.position());
    }

    /** Reads items written by {@link #writeItems} from the rest of {@code source}. */
    public Object[] readItems(ByteBuf source) {
        try (Input input = new Input(new ByteBufInputStream(source), INITIAL_BUFFER)) {
            int count = input.readVarInt(true);
            Object[] items = new Object[count];
            for (int i = 0; i < count; i++) {
                items[i] = kryo.readClassAndObject(input);
            }
            kryo.reset();
            return items;
        }
    }

    /** Encodes a whole list to bytes (captured items on the control connection). */
    public byte[] toBytes(List<?> items) {
        output.reset();
        output.writeVarInt(items.size(), true);
        for (Object item : items) {
            kryo.writeClassAndObject(output, item);
        }
        kryo.reset();
        return output.toBytes();
    }

    /** Decodes bytes written by {@link #toBytes}. */
    public List<Object> fromBytes(byte[] bytes) {
        try (Input input = new Input(bytes)) {
            int count = input.readVarInt(true);
            List<Object> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(kryo.readClassAndObject(input));
            }
            kryo.reset();
            return items;
        }
    }

    /** {@code Arrays.asList} lists have no usable add(); rebuild them from an array. */
    private static final class ArraysAsListSerializer extends com.esotericsoftware.kryo.Serializer<List<?>> {
        @Override
        public void write(Kryo kryo, Output output, List<?> list) {
            output.writeVarInt(list.size(), true);
            for (Object item : list) {
                kryo.writeClassAndObject(output, item);
            }
        }

        @Override
        public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
            int size = input.readVarInt(true);
            Object[] items = new Object[size];
            for (int i = 0; i < size; i++) {
                items[i] = kryo.readClassAndObject(input);
            }
            return Arrays.asList(items);
        }
    }
}
