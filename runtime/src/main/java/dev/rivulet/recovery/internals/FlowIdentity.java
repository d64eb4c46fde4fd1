package dev.rivulet.recovery.internals;

import dev.rivulet.Dataflow;
import dev.rivulet.flow.FlowStep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * What identifies a dataflow's recovery data: its name and the ids of its stateful steps (the
 * steps whose snapshots are stored), with a fingerprint of those ids.
 */
record FlowIdentity(String name, List<String> statefulSteps, String fingerprint) {

    static FlowIdentity of(Dataflow flow) {
        TreeSet<String> ids = new TreeSet<>();
        for (FlowStep step : flow.steps()) {
            if (step.isStateful()) {
                ids.add(step.stepId());
            }
        }
        List<String> sorted = List.copyOf(ids);
        return new FlowIdentity(flow.name(), sorted, fingerprint(sorted));
    }

    static String fingerprint(List<String> stepIds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String id : stepIds) {
                sha.update(id.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The step ids as stored: one per line. */
    String stepsText() {
        return String.join("\n", statefulSteps);
    }

    static List<String> parseSteps(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
