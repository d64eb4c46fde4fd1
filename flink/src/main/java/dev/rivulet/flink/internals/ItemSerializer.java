package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How Rivulet items cross Flink's exchanges: a tag byte, then the value. The types flows carry
 * most — strings, boxed numbers, {@code KV}, the runner's {@link Stamped}, {@code Instant} — and
 * any record (its class name, then its components, each the same way) are written directly on
 * Flink's buffers; anything else goes to Kryo. Kryo for every item cost most of a run: it wrote
 * and resolved the class name of every unregistered class of every item, byte by byte.
 *
 * <p>{@link #copy(Object)} returns the item itself: like the native engine, Rivulet passes items
 * between steps by reference (they are values), so chained Flink operators need no deep copy.
 * Only for streams; keyed state keeps Kryo (a state object may be updated in place, and Flink's
 * heap snapshots copy it with its serializer). Not thread-safe: Flink duplicates it per user.
 */
public final class ItemSerializer extends TypeSerializer<Object> {
    private static final long serialVersionUID = 1L;

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte BOOLEAN = 5;
    private static final byte KEY_VALUE = 6;
    private static final byte STAMPED = 7;
    private static final byte INSTANT = 8;
    private static final byte RECORD = 9;
    private static final byte OTHER = 10;

    private final SerializerConfig config;
    private transient KryoSerializer<Object> kryo;
    private transient Map<Class<?>, RecordShape> shapes;
    private transient Map<String, RecordShape> shapesByName;

    public ItemSerializer(SerializerConfig config) {
        this.config = config;
    }

    /** A record class's accessors and canonical constructor, found once per serializer. */
    private record RecordShape(String name, MethodHandle[] accessors, MethodHandle constructor) {
        static RecordShape of(Class<?> type) {
            try {
                RecordComponent[] components = type.getRecordComponents();
                MethodHandle[] accessors = new MethodHandle[components.length];
                Class<?>[] types = new Class<?>[components.length];
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                for (int i = 0; i < components.length; i++) {
                    java.lang.reflect.Method accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    accessors[i] = lookup.unreflect(accessor).asType(
                            java.lang.invoke.MethodType.methodType(Object.class, Object.class));
                    types[i] = components[i].getType();
                }
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                MethodHandle make = lookup.unreflectConstructor(constructor).asSpreader(Object[].class, types.length)
                        .asType(java.lang.invoke.MethodType.methodType(Object.class, Object[].class));
                return new RecordShape(type.getName(), accessors, make);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // not reachable this way (a module boundary): Kryo takes it
            }
        }
    }

    private KryoSerializer<Object> kryo() {
        if (kryo == null) {
            kryo = new KryoSerializer<>(Object.class, config);
        }
        return kryo;
    }

    private RecordShape shapeOf(Class<?> type) {
        if (shapes == null) {
            shapes = new HashMap<>();
        }
        RecordShape shape = shapes.get(type);
        if (shape == null && !shapes.containsKey(type)) {
            shape = RecordShape.of(type);
            shapes.put(type, shape);
        }
        return shape;
    }

    private RecordShape shapeNamed(String name) throws IOException {
        if (shapesByName == null) {
            shapesByName = new HashMap<>();
        }
        RecordShape shape = shapesByName.get(name);
        if (shape == null) {
            Class<?> type;
            try {
                type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IOException("an item of class " + name + " arrived, but that class is not on this"
                        + " TaskManager's class path (ship the jar holding it with the job)", e);
            }
            shape = shapeOf(type);
            if (shape == null) {
                throw new IOException("record class " + name + " cannot be read reflectively here");
            }
            shapesByName.put(name, shape);
        }
        return shape;
    }

    @Override
    public void serialize(Object item, DataOutputView out) throws IOException {
        if (item == null) {
            out.writeByte(NULL);
        } else if (item instanceof String s) {
            out.writeByte(STRING);
            writeString(s, out);
        } else if (item instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (item instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (item instanceof KV<?, ?> kv) {
            out.writeByte(KEY_VALUE);
            serialize(kv.key(), out);
            serialize(kv.value(), out);
        } else if (item instanceof Stamped s) {
            out.writeByte(STAMPED);
            out.writeLong(s.time());
            out.writeLong(s.mark());
            serialize(s.item(), out);
        } else if (item instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (item instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (item instanceof Instant t) {
            out.writeByte(INSTANT);
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        } else if (item instanceof Record && shapeOf(item.getClass()) != null) {
            RecordShape shape = shapeOf(item.getClass());
            out.writeByte(RECORD);
            out.writeUTF(shape.name());
            for (MethodHandle accessor : shape.accessors()) {
                try {
                    serialize(accessor.invokeExact(item), out);
                } catch (IOException | RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IOException("reading a component of " + shape.name() + " failed: " + t, t);
                }
            }
        } else {
            out.writeByte(OTHER);
            kryo().serialize(item, out);
        }
    }

    /** UTF-16 chars as they are: no encoding work, and strings of any length (writeUTF stops at 64 KB). */
    private static void writeString(String s, DataOutputView out) throws IOException {
        int n = s.length();
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeChar(s.charAt(i));
        }
    }

    private static String readString(DataInputView in) throws IOException {
        int n = in.readInt();
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    @Override
    public Object deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return readString(in);
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case KEY_VALUE:
                Object key = deserialize(in);
                return new KV<>(key, deserialize(in));
            case STAMPED:
                long time = in.readLong();
                long mark = in.readLong();
                return new Stamped(deserialize(in), time, mark);
            case DOUBLE:
                return in.readDouble();
            case BOOLEAN:
                return in.readBoolean();
            case INSTANT:
                long seconds = in.readLong();
                return Instant.ofEpochSecond(seconds, in.readInt());
            case RECORD:
                RecordShape shape = shapeNamed(in.readUTF());
                Object[] components = new Object[shape.accessors().length];
                for (int i = 0; i < components.length; i++) {
                    components[i] = deserialize(in);
                }
                try {
                    return shape.constructor().invokeExact(components);
                } catch (IOException | RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IOException("making a " + shape.name() + " failed: " + t, t);
                }
            case OTHER:
                return kryo().deserialize(in);
            default:
                throw new IOException("unknown item tag " + tag + ": the stream is corrupt or was written by"
                        + " another version of rivulet-flink");
        }
    }

    @Override
    public Object deserialize(Object reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public Object copy(Object item) {
        return item;
    }

    @Override
    public Object copy(Object item, Object reuse) {
        return item;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<Object> duplicate() {
        return new ItemSerializer(config);
    }

    @Override
    public Object createInstance() {
        return null;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemSerializer;
    }

    @Override
    public int hashCode() {
        return ItemSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Object> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The format has no parameters: a snapshot restores a serializer with Kryo's defaults. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Object> {
        public Snapshot() {
            super(() -> new ItemSerializer(new SerializerConfigImpl()));
        }
    }
}
