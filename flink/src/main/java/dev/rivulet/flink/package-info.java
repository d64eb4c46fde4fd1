/**
 * Runs a Rivulet flow on Apache Flink: {@link dev.rivulet.flink.FlinkRunner#run} translates the
 * flow's description into a Flink DataStream job and runs it on an in-process mini cluster or a
 * remote Flink cluster. See docs/flink.md.
 */
package dev.rivulet.flink;
