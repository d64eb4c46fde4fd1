/**
 * Windows over keyed streams: a {@link dev.rivulet.window.WindowClock} says what time an item
 * has and how far time has progressed (the watermark), a {@link dev.rivulet.window.Windower}
 * says which windows an item belongs to, and the window operators of
 * {@link dev.rivulet.KeyedStream} ({@code foldWindow}, {@code reduceWindow},
 * {@code collectWindow}) emit one {@link dev.rivulet.window.WindowResult} per key and window
 * when the window closes.
 *
 * <pre>{@code
 * events.keyBy("by-sensor", e -> e.sensor())
 *       .map("value", e -> e)
 *       .reduceWindow("max-per-minute",
 *               WindowClock.eventTime(Reading::at, Duration.ofSeconds(5)),
 *               Windower.tumbling(Duration.ofMinutes(1), Instant.EPOCH),
 *               (a, b) -> a.value() >= b.value() ? a : b)
 *       .capture("maxima");
 * }</pre>
 */
package dev.rivulet.window;
