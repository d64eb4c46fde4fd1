package dev.rivulet.cluster.internals;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON mapper of the control protocol (address lists, statistics). Built on first use, or
 * ahead of it by {@link Preload}, so that its few hundred classes load off the start-up path.
 */
final class ClusterJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ClusterJson() {
    }
}
