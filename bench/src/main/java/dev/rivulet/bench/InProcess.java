package dev.rivulet.bench;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The benchmark's prepared inputs and result counters, reachable from a flow by a handle. A
 * flow's description is serialized when a runner ships it (the Flink runner does, even to a mini
 * cluster in this JVM): sources and sinks hold a handle, not the arrays or the adders, so the
 * copies that run read the same input and add into the same counters as the caller's JVM sees.
 * Only for runs in this JVM.
 */
final class InProcess {
    private static final Map<Object, String> HANDLES = new IdentityHashMap<>();
    private static final Map<String, Object> VALUES = new java.util.HashMap<>();

    private InProcess() {
    }

    /** The handle of {@code value} (the same object always gets the same handle). */
    static synchronized String handle(Object value) {
        return HANDLES.computeIfAbsent(value, v -> {
            String handle = "in-process-" + VALUES.size();
            VALUES.put(handle, v);
            return handle;
        });
    }

    @SuppressWarnings("unchecked")
    static synchronized <T> T get(String handle) {
        T value = (T) VALUES.get(handle);
        if (value == null) {
            throw new IllegalStateException("no prepared benchmark data '" + handle + "' in this JVM: the"
                    + " benchmark's sources and sinks only run in the JVM that prepared them");
        }
        return value;
    }
}
