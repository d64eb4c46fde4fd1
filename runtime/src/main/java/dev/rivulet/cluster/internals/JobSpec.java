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
import dev.rivulet.shipping.JobPackage;

/**
 * What a parent ships to each child of a spawned cluster (Java serialization): the flow — either
 * itself, when its classes are on the children's class path, or as a {@link JobPackage} carrying
 * notebook classes and variables — and the run options that matter in the children. Captured
 * items come back instead of going to a listener, so the listener does not travel; when the parent
 * watches the run's progress, {@code watchedState} says so (the steps whose "so far" state it
 * wants, maybe none) and the child sends its counters back; {@code null} means no one watches.
 */
record JobSpec(Dataflow flow, JobPackage packaged, EpochConfig epochs, RecoveryConfig recovery, int batchSize,
        java.util.Set<String> watchedState) implements Serializable {

    /** The flow and the class loader to run it with, in the child. */
    record Materialized(Dataflow flow, ClassLoader loader) {
    }

    /** Opens the flow in the child: a packaged flow gets a fresh loader with its shipped classes. */
    Materialized materialize(ClassLoader parent) throws IOException, ClassNotFoundException {
        if (packaged == null) {
            return new Materialized(flow, parent);
        }
        JobPackage.Opened opened = packaged.open(parent);
        return new Materialized(opened.flow(), opened.loader());
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("flow '" + name() + "' cannot be shipped to worker processes: "
                    + e.getMessage() + " is not Serializable. Every function, source and sink of a flow "
                    + "(and everything they capture) must be Serializable to run in a spawned cluster.", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("flow '" + name() + "' cannot be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    private String name() {
        return flow != null ? flow.name() : "(packaged)";
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
