package dev.rivulet.io;

import java.util.List;

/**
 * A sink made of named partitions, each owned by one worker; items are routed to the owner of
 * the partition {@link #assignPart} names. Positions are snapshotted at every epoch close in
 * which the partition received items; a resumed run rebuilds the partition from that position
 * (a file sink truncates back to it, which makes its output exactly-once).
 *
 * <p>Lifecycle: {@link #listParts()} on every worker at start-up; {@link #buildPart} once per
 * owned partition; {@link SinkPartition#write} for each batch; {@link SinkPartition#close} at the
 * end of input.
 *
 * @param <T> item type
 * @param <S> the position type, stored by recovery
 */
public non-sealed interface PartitionedSink<T, S> extends Sink<T> {

    /** All partition names; the same on every worker and every execution. */
    List<String> listParts() throws Exception;

    /**
     * The partition an item belongs to. Called on the worker where the item is, so it must be
     * deterministic in every JVM (use {@link dev.rivulet.StableHash}, never identity hashes).
     */
    String assignPart(T item) throws Exception;

    /** Opens one partition on its owner, at the recovered position or {@code null} when fresh. */
    SinkPartition<T, S> buildPart(String partKey, S resumeState) throws Exception;
}
