/**
 * The Flink runner's translation of a flow: one Flink function or operator per Rivulet operation,
 * Rivulet sources as FLIP-27 sources, Rivulet sinks as Sink V2 writers. Not public API.
 */
package dev.rivulet.flink.internals;
