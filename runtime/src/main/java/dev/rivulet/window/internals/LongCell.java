package dev.rivulet.window.internals;

import java.io.Serializable;

/**
 * A window's accumulator for a {@link dev.rivulet.fn.LongFoldFn}: updated in place, so a fold
 * allocates nothing. Only the window operator holds it; snapshots copy it into bytes at once.
 */
final class LongCell implements Serializable {
    private static final long serialVersionUID = 1L;

    long value;

    LongCell(long value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
