package dev.rivulet.engine;

/**
 * The per-item logic of a {@link StatelessStep}, run inside the vertex of the step before it:
 * each item the upstream operator emits is pushed through the chain of stages and only the last
 * one's results are batched. This is operator fusion: no batch, no queue and no vertex per
 * stateless step.
 *
 * <pre>
 *  upstream operator ── emit ──▶ Stage(map) ──▶ Stage(filter) ──▶ Emitter ──▶ edges
 *                                (step "double")  (step "not-div-3")  (batches)
 * </pre>
 *
 * <p>Lifecycle: created once per worker when the graph opens; {@link #push} is then called for
 * every item, on the worker thread, in the epoch of the vertex that runs it; {@link #drainStats}
 * after every batch, epoch close and timer of that vertex. A stage has no close: stateless steps
 * hold no resources.
 *
 * <p>A stage's {@code push} must catch only what its own function throws (naming its own step)
 * and let failures of {@code next} pass: they belong to later steps.
 */
public abstract class Stage implements ItemSink {
    protected final Step step;
    protected final ItemSink next;
    private final StepStats stats;
    /** Items pushed since the last {@link #drainStats}; a plain field, as the worker owns it. */
    protected long in;

    /**
     * @param stats where to count items in, or {@code null} when the vertex running the step
     *     counts them itself (the stage of the vertex's own step)
     */
    protected Stage(Step step, ItemSink next, StepStats stats) {
        this.step = step;
        this.next = next;
        this.stats = stats;
    }

    final void drainStats() {
        if (stats != null && in > 0) {
            stats.addIn(in);
        }
        in = 0;
    }
}
