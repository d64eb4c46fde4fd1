/**
 * One file per operator: each step class is both the serializable description stored in the
 * flow and the factory of its runtime {@link dev.rivulet.engine.Operator}. Internal.
 */
package dev.rivulet.engine.steps;
