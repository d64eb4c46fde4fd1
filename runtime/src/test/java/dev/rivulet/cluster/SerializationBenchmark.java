package dev.rivulet.cluster;

import dev.rivulet.KV;
import dev.rivulet.cluster.internals.ItemSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A rough micro-benchmark (not a test): Kryo, as configured for the mesh, against Java
 * serialization, for a batch of 1024 {@code KV<String, Long>} items. Run with
 * {@code java -cp <test classpath> dev.rivulet.cluster.SerializationBenchmark}.
 */
public final class SerializationBenchmark {
    private static final int ROUNDS = 3000;

    private SerializationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            batch.add(KV.of("word-" + (i % 300), (long) i));
        }
        ItemSerializer kryo = new ItemSerializer(SerializationBenchmark.class.getClassLoader());
        for (int round = 0; round < 3; round++) {
            long kryoNanos = 0;
            long javaNanos = 0;
            int kryoBytes = 0;
            int javaBytes = 0;
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                byte[] encoded = kryo.toBytes(batch);
                List<Object> decoded = kryo.fromBytes(encoded);
                kryoNanos += System.nanoTime() - start;
                kryoBytes = encoded.length;
                check(decoded, batch);
                start = System.nanoTime();
                byte[] java = javaBytes(batch);
                List<Object> back = javaItems(java);
                javaNanos += System.nanoTime() - start;
                javaBytes = java.length;
                check(back, batch);
            }
            System.out.printf("round %d: Kryo %.1f µs per batch round trip, %d bytes; Java %.1f µs, %d bytes%n",
                    round, kryoNanos / 1000.0 / ROUNDS, kryoBytes, javaNanos / 1000.0 / ROUNDS, javaBytes);
        }
    }

    private static void check(List<Object> decoded, List<Object> batch) {
        if (!decoded.equals(batch)) {
            throw new AssertionError("round trip changed the batch");
        }
    }

    private static byte[] javaBytes(List<Object> batch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeInt(batch.size());
            for (Object item : batch) {
                out.writeObject(item);
            }
        }
        return bytes.toByteArray();
    }

    private static List<Object> javaItems(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            int size = in.readInt();
            List<Object> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(in.readObject());
            }
            return items;
        }
    }
}
