package dev.rivulet.notebook;

import dev.rivulet.Dataflow;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.lang.model.SourceVersion;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The flow a magic names ({@code %run_main flow}): evaluated in the notebook, with one clear
 * message when that fails — for a misspelt variable, "there is no variable `flwo`; did you mean
 * `flow`?" instead of the compiler's "cannot find symbol".
 *
 * <pre>{@code
 * Dataflow flow = MagicExpression.flow("run_main", parsed.expression(), "for example %run_main flow");
 * }</pre>
 */
final class MagicExpression {
    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

    private MagicExpression() {
    }

    /**
     * Evaluates {@code expression} in the notebook and returns the {@link Dataflow} it denotes.
     *
     * @throws MagicUsageException when it does not compile, fails, or is not a flow
     * @throws InterruptedException when the cell is interrupted meanwhile
     */
    static Dataflow flow(String magic, String expression, String example) throws InterruptedException {
        NotebookHost host = Notebook.host();
        Object value;
        try {
            value = host.eval(expression);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof RuntimeException kernelInterrupt && e.getClass().getSimpleName().contains("Interrupted")) {
                throw kernelInterrupt; // IJava's/JJava's EvaluationInterruptedException: the cell is being cancelled
            }
            // the kernel's own rendering: the compiler's diagnostics, where IJava's message is null
            // and JJava's "[snippet ..., status: REJECTED]"
            throw new MagicUsageException(cannotEvaluate(magic, expression, host.describeEvalFailure(e),
                    host.variables()));
        }
        if (!(value instanceof Dataflow flow)) {
            throw new MagicUsageException("%" + magic + ": '" + expression + "' is "
                    + (value == null ? "null" : "a " + value.getClass().getName())
                    + ", not a Dataflow; give the variable or expression that holds your flow, " + example
                    + dataflows(host.variables()));
        }
        return flow;
    }

    /** The message for an expression that did not evaluate; {@code variables} as {@link NotebookHost#variables}. */
    static String cannotEvaluate(String magic, String expression, String error, Map<String, String> variables) {
        if (SourceVersion.isIdentifier(expression) && !variables.containsKey(expression)) {
            String closest = closest(expression, variables);
            return "%" + magic + ": there is no variable `" + expression + "` in the notebook"
                    + (closest != null ? "; did you mean `" + closest + "`?" : "") + dataflows(variables);
        }
        String reason = error == null ? "" : error.strip();
        return "%" + magic + ": cannot evaluate '" + expression + "'" + (reason.isEmpty() ? "" : ":\n" + reason);
    }

    /** The variable nearest to {@code name} in spelling (Dataflows first on a tie), or {@code null}. */
    static String closest(String name, Map<String, String> variables) {
        record Candidate(String name, int distance, boolean flow) {
        }
        return variables.entrySet().stream()
                .map(v -> new Candidate(v.getKey(), DISTANCE.apply(name.toLowerCase(), v.getKey().toLowerCase()),
                        isDataflow(v.getValue())))
                // two edits: a swapped pair of letters (flwo → flow) is two in Levenshtein terms
                .filter(c -> c.distance() >= 0 && c.distance() <= Math.max(2, name.length() / 3)
                        && c.distance() < name.length())
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(c -> !c.flow())
                        .thenComparing(Candidate::name))
                .map(Candidate::name).orElse(null);
    }

    private static String dataflows(Map<String, String> variables) {
        List<String> flows = variables.entrySet().stream().filter(v -> isDataflow(v.getValue())).map(Map.Entry::getKey)
                .sorted() // the same message whatever order the kernel lists them in
                .toList();
        return flows.isEmpty() ? "" : " (the notebook's Dataflow variables: " + String.join(", ", flows) + ")";
    }

    private static boolean isDataflow(String type) {
        return type.equals("Dataflow") || type.equals("dev.rivulet.Dataflow");
    }
}
