/**
 * Sources and sinks: the contracts a connector implements and the built-in connectors
 * ({@link dev.rivulet.io.Sources}, {@link dev.rivulet.io.Sinks}).
 *
 * <p>Two kinds of each, as in Bytewax:
 * <ul>
 *   <li><b>Partitioned</b> ({@link PartitionedSource}, {@link PartitionedSink}): a fixed set of
 *       named partitions, each owned by exactly one worker of the cluster (stable hash of the
 *       partition name modulo the worker count). Their positions are snapshotted at the close of
 *       every epoch, so a resumed run continues exactly where the last completed epoch ended.</li>
 *   <li><b>Dynamic</b> ({@link DynamicSource}, {@link DynamicSink}): one instance per worker, no
 *       positions: at-most-once input, at-least-once output.</li>
 * </ul>
 */
package dev.rivulet.io;
