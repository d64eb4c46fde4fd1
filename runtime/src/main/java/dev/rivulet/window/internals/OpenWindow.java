package dev.rivulet.window.internals;

import java.io.Serializable;

/** One open window of one key: its id, bounds {@code [start, end)} and accumulator. */
public final class OpenWindow implements Serializable {
    private static final long serialVersionUID = 1L;

    long id;
    long start;
    long end;
    /** For sessions, the time of the newest item; the session ends at {@code latest + gap}. */
    long latest;
    Object acc;

    OpenWindow(long id, long start, long end) {
        this.id = id;
        this.start = start;
        this.end = end;
        this.latest = start;
    }

    /** Makes a recycled window the window {@code id}, keeping its (recycled) accumulator. */
    void reopen(long id, long start, long end) {
        this.id = id;
        this.start = start;
        this.end = end;
        this.latest = start;
    }

    public long id() {
        return id;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public Object acc() {
        return acc;
    }
}
