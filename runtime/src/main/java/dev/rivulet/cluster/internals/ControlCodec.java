package dev.rivulet.cluster.internals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
}
