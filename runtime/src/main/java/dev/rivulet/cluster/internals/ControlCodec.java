package dev.rivulet.cluster.internals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import dev.rivulet.KV;
import dev.rivulet.RunProgress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payloads on a cluster's start-to-finish path (the address list, the statistics) as small
 * binary frames. JSON stays for failure reports; these two are written by every run, and
 * building a JSON mapper costs a fresh worker JVM about half a second of class loading.
 *
 * <pre>
 * addresses:  int n, then n × UTF string
 * statistics: int n, then n × (UTF step id, long in, long out, long late)
 * progress:   int n, then n × (UTF step id, RunProgress.COUNTERS × long);
 *             int m, then m × (UTF step id, int worker, long keys, int length, Kryo rows)
 * </pre>
 */
final class ControlCodec {

    private ControlCodec() {
    }

    static byte[] addresses(List<String> addresses) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(addresses.size());
        for (String address : addresses) {
            out.writeUTF(address);
        }
        out.flush();
        return bytes.toByteArray();
    }

    static List<String> addresses(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int n = in.readInt();
        List<String> addresses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            addresses.add(in.readUTF());
        }
        return addresses;
    }

    /** Per step: items in, items out, late items. */
    static byte[] statistics(Map<String, long[]> counters) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(counters.size());
        for (Map.Entry<String, long[]> step : counters.entrySet()) {
            out.writeUTF(step.getKey());
            for (int i = 0; i < 3; i++) {
                out.writeLong(step.getValue()[i]);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    static Map<String, long[]> statistics(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int n = in.readInt();
        Map<String, long[]> counters = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            counters.put(in.readUTF(), new long[] {in.readLong(), in.readLong(), in.readLong()});
        }
        return counters;
    }

    /** A child's live counters and "so far" state samples (rows encoded with {@code rows}). */
    static byte[] progress(RunProgress progress, ItemSerializer rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Map<String, long[]> counters = progress.localCounterArrays();
        out.writeInt(counters.size());
        for (Map.Entry<String, long[]> step : counters.entrySet()) {
            out.writeUTF(step.getKey());
            for (long c : step.getValue()) {
                out.writeLong(c);
            }
        }
        List<byte[]> samples = new ArrayList<>();
        progress.forEachStateSample((step, worker, keys, sampleRows) -> {
            try {
                ByteArrayOutputStream one = new ByteArrayOutputStream();
                DataOutputStream s = new DataOutputStream(one);
                s.writeUTF(step);
                s.writeInt(worker);
                s.writeLong(keys);
                byte[] encoded = rows.toBytes(sampleRows);
                s.writeInt(encoded.length);
                s.write(encoded);
                s.flush();
                samples.add(one.toByteArray());
            } catch (IOException | RuntimeException e) {
                // a sample that cannot be encoded is left out: it is only a progress display
            }
        });
        out.writeInt(samples.size());
        for (byte[] sample : samples) {
            out.write(sample);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** Reads a child's progress frame into the parent's {@code progress}, as process {@code child}. */
    @SuppressWarnings("unchecked")
    static void readProgress(byte[] payload, int child, RunProgress progress, ItemSerializer rows) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int n = in.readInt();
        Map<String, long[]> counters = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String step = in.readUTF();
            long[] c = new long[RunProgress.COUNTERS];
            for (int k = 0; k < c.length; k++) {
                c[k] = in.readLong();
            }
            counters.put(step, c);
        }
        progress.remoteCounters(child, counters);
        int m = in.readInt();
        for (int i = 0; i < m; i++) {
            String step = in.readUTF();
            int worker = in.readInt();
            long keys = in.readLong();
            byte[] encoded = in.readNBytes(in.readInt());
            List<KV<Object, Object>> sampleRows = new ArrayList<>();
            for (Object row : rows.fromBytes(encoded)) {
                sampleRows.add((KV<Object, Object>) row);
            }
            progress.stateSample(step, worker, keys, sampleRows);
        }
    }
}
