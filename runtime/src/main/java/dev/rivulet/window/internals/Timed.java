package dev.rivulet.window.internals;

import java.io.Serializable;

/** A value and its item time, as buffered by collecting aggregators. */
public record Timed(long time, Object value) implements Serializable {
}
