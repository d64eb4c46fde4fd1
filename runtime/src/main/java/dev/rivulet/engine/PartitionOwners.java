package dev.rivulet.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which worker owns each partition of a source or sink: the partition names are sorted and dealt
 * out in turn, so ownership is the same in every JVM and as even as it can be (two files on two
 * workers always land on different workers, which a hash cannot promise).
 */
public final class PartitionOwners {
    private final List<String> sorted;
    private final Map<String, Integer> owner = new HashMap<>();

    public PartitionOwners(List<String> parts, int workerCount, String stepId) {
        TreeSet<String> unique = new TreeSet<>();
        for (String part : parts) {
            if (part == null) {
                throw new IllegalArgumentException("step '" + stepId
                        + "': listParts() returned a null partition name");
            }
            if (!unique.add(part)) {
                throw new IllegalArgumentException("step '" + stepId
                        + "': listParts() returned the partition name '" + part
                        + "' twice; partition names must be unique");
            }
        }
        this.sorted = new ArrayList<>(unique);
        for (int i = 0; i < sorted.size(); i++) {
            owner.put(sorted.get(i), i % workerCount);
        }
    }

    /** The owning worker, or -1 for a name that is not a partition. */
    public int ownerOf(String part) {
        return owner.getOrDefault(part, -1);
    }

    /** The partitions owned by {@code worker}, in sorted order. */
    public List<String> ownedBy(int worker) {
        List<String> mine = new ArrayList<>();
        for (String part : sorted) {
            if (owner.get(part) == worker) {
                mine.add(part);
            }
        }
        return mine;
    }

    public List<String> all() {
        return sorted;
    }
}
