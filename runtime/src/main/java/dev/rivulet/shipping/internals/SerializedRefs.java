package dev.rivulet.shipping.internals;

import dev.rivulet.shipping.internals.ClassScanner.Member;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a serialized object graph holds of the notebook: classes of its objects (whose every
 * method may run on a worker), classes merely described (a {@code Class} value, a superclass),
 * capturing classes of its lambdas (initialised there when the
 * lambda is deserialized), and the implementation methods of its lambdas and method references
 * (the code that runs). Filled by {@link RecordingObjectOutputStream}.
 */
public record SerializedRefs(Set<String> instanceClasses, Set<String> capturingClasses, Set<Member> lambdaMethods,
        Set<String> describedClasses) {

    public SerializedRefs() {
        this(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    /** Every notebook class the graph needs to be deserialized. */
    public Set<String> classes() {
        Set<String> all = new LinkedHashSet<>(instanceClasses);
        all.addAll(describedClasses);
        all.addAll(capturingClasses);
        lambdaMethods.forEach(method -> all.add(method.owner()));
        return all;
    }
}
