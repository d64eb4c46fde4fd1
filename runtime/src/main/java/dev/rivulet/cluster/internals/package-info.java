/**
 * The implementation of multi-process clusters; not an API. {@link
 * dev.rivulet.cluster.internals.ClusterNode} is one process of a cluster (a Netty {@code Mesh}
 * behind the engine's {@code Transport}); {@link dev.rivulet.cluster.internals.ClusterSpawner}
 * and {@link dev.rivulet.cluster.internals.WorkerProcessMain} are the two ends of a spawned
 * local cluster; {@link dev.rivulet.cluster.internals.ClusterRuns} implements
 * {@code Rivulet.clusterMain}.
 */
package dev.rivulet.cluster.internals;
