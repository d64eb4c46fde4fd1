package dev.rivulet.flink.internals;

import java.io.Serializable;

/**
 * An item on its way into a watermark-clock window: its event time and the watermark of the
 * partition it came from just before it (see {@link WatermarkStamper}).
 */
public record Stamped(Object item, long time, long mark) implements Serializable {
}
