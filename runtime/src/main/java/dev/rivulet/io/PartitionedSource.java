package dev.rivulet.io;

import java.util.List;

/**
 * A source made of named partitions whose positions are snapshotted at every epoch close.
 *
 * <p>Lifecycle, per run: every worker calls {@link #listParts()}; each partition is owned by
 * exactly one worker (stable hash of its name modulo the worker count), which calls
 * {@link #buildPart} once for it, with the position saved by the last completed epoch (or
 * {@code null} on a fresh run). The partition is then polled until it reports its end.
 *
 * <pre>{@code
 * class Numbers implements PartitionedSource<Long, Long> {
 *     public List<String> listParts() { return List.of("n"); }
 *     public SourcePartition<Long, Long> buildPart(String part, Long resume) {
 *         return new SourcePartition<>() {
 *             long next = resume == null ? 0 : resume;
 *             public boolean nextBatch(List<? super Long> out, int max) {
 *                 for (int i = 0; i < max && next < 10; i++) out.add(next++);
 *                 return next < 10;
 *             }
 *             public Long snapshot() { return next; }
 *         };
 *     }
 * }
 * }</pre>
 *
 * @param <T> item type
 * @param <S> the position type, stored by recovery; must be serializable
 */
public non-sealed interface PartitionedSource<T, S> extends Source<T> {

    /**
     * The names of all partitions. Called once per worker at start-up; must return the same list
     * on every worker and in every execution of the flow (resume state is keyed by these names).
     */
    List<String> listParts() throws Exception;

    /**
     * Opens one partition, on the worker that owns it. Called once per partition per run, after
     * {@link #listParts()}, before any item is read.
     *
     * @param partKey the partition name, one of {@link #listParts()}
     * @param resumeState the position from the last completed epoch's snapshot, or {@code null}
     *     when starting fresh (a snapshot equal to {@code 0} is a position, not "none")
     * @return the opened partition, or {@code null} to skip this partition
     */
    SourcePartition<T, S> buildPart(String partKey, S resumeState) throws Exception;
}
