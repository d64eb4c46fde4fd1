package examples;

import dev.rivulet.Dataflow;
import dev.rivulet.StateUpdate;
import dev.rivulet.io.Sinks;
import dev.rivulet.io.Sources;
import java.util.stream.IntStream;

/**
 * The README's recovery walkthrough: a running sum of 1…10 that crashes at the item named by the
 * environment variable {@code CRASH_AT}, so a second run with the same recovery directory can
 * show that it resumes instead of starting over.
 *
 * <pre>
 * CRASH_AT=6 rivulet run examples.CrashDemo --sqlite-directory state/crash-demo --epoch-interval 0
 * rivulet run examples.CrashDemo --sqlite-directory state/crash-demo --epoch-interval 0
 * </pre>
 */
public final class CrashDemo {

    /** Running sum of 1…10, printed as it goes. */
    public static final Dataflow flow = build();

    private CrashDemo() {
    }

    private static Dataflow build() {
        Dataflow flow = new Dataflow("crash-demo");
        flow.input("numbers", Sources.testing(IntStream.rangeClosed(1, 10).boxed().toList()))
                .map("maybe-crash", n -> {
                    String crashAt = System.getenv("CRASH_AT");
                    if (crashAt != null && Integer.parseInt(crashAt) == n) {
                        throw new IllegalStateException("simulated crash at item " + n);
                    }
                    return n;
                })
                .keyBy("all", n -> "sum")
                .<Integer, String>statefulMap("running-sum", () -> 0,
                        (sum, n) -> StateUpdate.of(sum + n, "after " + n + ": " + (sum + n)))
                .stream()
                .map("value", kv -> kv.value())
                .output("print", Sinks.stdout());
        return flow;
    }

}
