package dev.rivulet.engine;

/** The output ports of one vertex, handed to its operator. Port 0 is the main output. */
public final class Outputs {
    private final Emitter[] ports;

    Outputs(Emitter[] ports) {
        this.ports = ports;
    }

    public void emit(Object item) {
        ports[0].emit(item);
    }

    public void emit(int port, Object item) {
        ports[port].emit(item);
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

    void flush() {
        for (Emitter port : ports) {
            port.flush();
        }
    }
}
