package dev.rivulet.flink.internals;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.InstantiationUtil;

/**
 * Split, enumerator and sink-writer state in Java serialization: Rivulet positions are only
 * required to be {@link Serializable}. Reads with the thread's context class loader, which Flink
 * sets to the job's user-code class loader.
 */
public final class JavaSerializer<T extends Serializable> implements SimpleVersionedSerializer<T> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(T obj) throws IOException {
        return InstantiationUtil.serializeObject(obj);
    }

    @Override
    public T deserialize(int version, byte[] serialized) throws IOException {
        try {
            return InstantiationUtil.deserializeObject(serialized, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("a Rivulet position refers to a class not on the job's class path", e);
        }
    }
}
