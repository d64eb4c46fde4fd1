/**
 * The runtime of window operators: per-key clock state, the open windows of a windower, and
 * the aggregators of fold, reduce and collect. Everything a key holds is {@code Serializable},
 * because it is that key's recovery snapshot. Not public API.
 *
 * <pre>
 *   item ──► WindowKeyLogic ──► ClockState.onItem ──► watermark
 *                 │                                       │
 *                 └──► WindowSet.insert(t, value, watermark) ── late? ──► port 1 + late count
 *                 └──► WindowSet.drainClosed(watermark) ──► WindowResult on port 0
 *   timer (ClockState.wakeAt(nextClose)) ──► drainClosed;   end of input ──► close all
 * </pre>
 */
package dev.rivulet.window.internals;
