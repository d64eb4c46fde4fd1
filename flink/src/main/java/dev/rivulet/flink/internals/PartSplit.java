package dev.rivulet.flink.internals;

import java.io.Serializable;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One partition of a Rivulet source as a Flink split: its name and its resume position (the
 * {@code snapshot()} of the partition at the checkpoint; {@code null} when fresh). A
 * {@code DynamicSource} has one split per subtask, {@code worker} of {@code workers}, and no
 * position.
 */
public record PartSplit(String part, Serializable position, int worker, int workers)
        implements SourceSplit, Serializable {

    @Override
    public String splitId() {
        return part;
    }

    /** Whether this is a {@code DynamicSource}'s reader split. */
    public boolean dynamic() {
        return workers > 0;
    }
}
