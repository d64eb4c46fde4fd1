/**
 * The runner-neutral description of a flow: what {@link dev.rivulet.Dataflow} builds and every
 * runner reads. A flow is a list of {@link dev.rivulet.flow.FlowStep}s in the order they were
 * added, each naming the streams it reads ({@link dev.rivulet.flow.StreamRef}: a step index and
 * an output port) and its {@link dev.rivulet.flow.Operation} with the user's functions. It is
 * plain, serializable data with no runtime in it (Beam's pipeline and runner split; Flink's
 * {@code StreamGraph}): the native engine translates it into its step objects once before a run
 * ({@code dev.rivulet.engine.steps.StepTranslator}); the Flink runner into a Flink job.
 */
package dev.rivulet.flow;
