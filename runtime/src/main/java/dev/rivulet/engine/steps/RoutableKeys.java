package dev.rivulet.engine.steps;

import dev.rivulet.StableHash;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import java.util.List;

/**
 * Checks that keys can be routed (hash the same in every JVM), where the user's key function
 * runs, so the error names that step. Checking each new key class once keeps the common case to
 * a pointer compare; records and lists are checked every time since their contents vary.
 */
final class RoutableKeys {
    private Class<?> lastCheckedClass;

    /** Throws a {@link StepFailure} of {@code step} on {@code item} if {@code key} cannot be routed. */
    void check(Step step, Object key, Object item) {
        if (key != null && key.getClass() == lastCheckedClass) {
            return;
        }
        try {
            StableHash.of(key);
        } catch (StableHash.UnroutableKeyException e) {
            throw StepFailure.invalid(step, item, "the key function returned " + e.what() + ", which cannot be routed: "
                    + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        if (!(key instanceof Record) && !(key instanceof List)) {
            lastCheckedClass = key.getClass();
        }
    }
}
