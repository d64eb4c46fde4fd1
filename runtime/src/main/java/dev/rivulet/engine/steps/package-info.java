/**
 * One file per operator: each step class is the native engine's translation of one
 * {@link dev.rivulet.flow.Operation} and the factory of its runtime
 * {@link dev.rivulet.engine.Operator}; {@link dev.rivulet.engine.steps.StepTranslator} builds
 * them from a flow's description before a run. Internal.
 */
package dev.rivulet.engine.steps;
