package dev.rivulet.cluster.internals;

import dev.rivulet.Dataflow;
import dev.rivulet.EpochConfig;
import dev.rivulet.RecoveryConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * What a parent ships to each child of a spawned cluster (Java serialization): the flow and the
 * run options that matter in the children. Captured items come back instead of going to a
 * listener, so the listener does not travel.
 */
record JobSpec(Dataflow flow, EpochConfig epochs, RecoveryConfig recovery, int batchSize) implements Serializable {

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("flow '" + flow.name() + "' cannot be shipped to worker processes: "
                    + e.getMessage() + " is not Serializable. Every function, source and sink of a flow "
                    + "(and everything they capture) must be Serializable to run in a spawned cluster.", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("flow '" + flow.name() + "' cannot be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    static JobSpec fromBytes(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            return (JobSpec) in.readObject();
        }
    }
}
