/**
 * Multi-process clusters: what users may need to catch from
 * {@link dev.rivulet.Rivulet#spawnCluster} and {@link dev.rivulet.Rivulet#clusterMain}.
 * Everything else lives in {@code dev.rivulet.cluster.internals} and is not an API.
 */
package dev.rivulet.cluster;
