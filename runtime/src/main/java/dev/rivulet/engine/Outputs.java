package dev.rivulet.engine;

import java.util.List;

/**
 * The output ports of one vertex, handed to its operator. Port 0 is the main output. An item
 * emitted on a port goes through the port's fused {@link Stage}s (if any) into its
 * {@link Emitter}.
 */
public final class Outputs {
    private final ItemSink[] heads;
    private final Emitter[] ports;
    private final Stage[] stages;

    Outputs(ItemSink[] heads, Emitter[] ports, List<Stage> stages) {
        this.heads = heads;
        this.ports = ports;
        this.stages = stages.toArray(new Stage[0]);
    }

    public void emit(Object item) {
        heads[0].push(item);
    }

    public void emit(int port, Object item) {
        heads[port].push(item);
    }

    /** Emits {@code KV(key, value)} on port 0 without making the {@code KV} where it can. */
    public void emitKeyed(Object key, Object value) {
        heads[0].pushKeyed(key, value);
    }

    /** The epoch emitted items are stamped with. */
    public long epoch() {
        return ports.length == 0 ? 0 : ports[0].epoch();
    }

    void epoch(long epoch) {
        for (Emitter port : ports) {
            port.epoch(epoch);
        }
    }

    /** The input partition the items emitted next come from ({@link Batch#MIXED} if unknown). */
    public void source(int source) {
        for (Emitter port : ports) {
            port.source(source);
        }
    }

    void flush() {
        for (Emitter port : ports) {
            port.flush();
        }
        for (Stage stage : stages) {
            stage.drainStats();
        }
    }
}
