/**
 * The engine: internal, not part of Rivulet's public API (it may change in any release).
 *
 * <pre>
 *   Dataflow (its description: FlowSteps, Serializable; shipped to worker processes)
 *       │  translated once per process by {@link dev.rivulet.engine.steps.StepTranslator}
 *       ▼
 *   Steps ── compiled once per worker into a {@link dev.rivulet.engine.WorkerGraph}
 *       ▼
 *   Vertex ──local edge──▶ Vertex ──exchange edge──▶ Vertex (on the worker owning the key)
 *     │ wraps an Operator          │ ExchangeSender partitions batches; Transport carries
 *     │ tracks input frontiers     │ batches and frontier messages to other workers
 *     ▼
 *   Worker loop: drain inbox → poll inputs (gated by cluster progress) → fire timers → flush
 * </pre>
 *
 * <p>Epochs are assigned at inputs. A vertex's frontier is the smallest epoch it may still see;
 * when all of its sources pass an epoch it closes it (operators snapshot there) and forwards the
 * frontier. A worker's frontier is the minimum over its vertices; the cluster's is the minimum
 * over workers. Inputs start an epoch only once the cluster has completed all earlier ones, so
 * at most one epoch is in flight, as in Bytewax.
 */
package dev.rivulet.engine;
