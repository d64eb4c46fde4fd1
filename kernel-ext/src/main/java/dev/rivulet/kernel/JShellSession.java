package dev.rivulet.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;

/**
 * One notebook's JShell: evaluates cells snippet by snippet in this JVM and returns the last
 * expression's live value; compile errors become {@link CompilationException}, exceptions thrown
 * by cell code {@link CellFailure}.
 */
final class JShellSession implements AutoCloseable {

    /** The value of a cell whose last snippet is not an expression. */
    static final Object NO_VALUE = new Object();

    private final JShell shell;
    private final ReplExecutionControl control;
    /** Set by an interrupt; stops the rest of the cell even between two snippets. */
    private volatile boolean interruptRequested;

    JShellSession(ClassLoader parent, List<String> compilerOptions) {
        this.control = new ReplExecutionControl(new ReplLoaderDelegate(new ReplClassLoader(parent)));
        this.shell = JShell.builder()
                .executionEngine(new ReplExecutionControl.Provider(control), null)
                .compilerOptions(compilerOptions.toArray(new String[0]))
                .out(System.out).err(System.err)
                .build();
    }

    JShell shell() {
        return shell;
    }

    ReplClassLoader classLoader() {
        return control.loader();
    }

    /** Evaluates a whole cell; returns the last expression's value or {@link #NO_VALUE}. */
    Object evalCell(String code) throws CompilationException, CellFailure {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        Object last = NO_VALUE;
        interruptRequested = false; // an interrupt while idle must not cancel this new cell
        while (!remaining.isBlank()) {
            if (interruptRequested) {
                throw new CellFailure(new InterruptedException("the cell was interrupted"));
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            if (completeness == Completeness.DEFINITELY_INCOMPLETE
                    || completeness == Completeness.CONSIDERED_INCOMPLETE) {
                throw new CompilationException(List.of("error: the cell ends in the middle of a "
                        + "statement or declaration (a missing ';', ')' or '}'?):", "    "
                        + firstLine(remaining)));
            }
            String source = completeness.isComplete() ? info.source() : remaining;
            remaining = completeness.isComplete() ? info.remaining() : "";
            last = evalSnippet(source, false);
        }
        return last;
    }

    /**
     * Evaluates one expression (for magics: {@code %run_main flow}) and returns its live value;
     * the temporary snippet is dropped again.
     */
    Object evalExpression(String expression) throws CompilationException, CellFailure {
        String source = expression.strip();
        while (source.endsWith(";")) {
            source = source.substring(0, source.length() - 1).strip();
        }
        Object value = evalSnippet(source, true);
        if (value == NO_VALUE) {
            throw new CompilationException(List.of("error: '" + expression + "' is not an expression"));
        }
        return value;
    }

    private Object evalSnippet(String source, boolean dropAfterwards) throws CompilationException, CellFailure {
        List<SnippetEvent> events = shell.eval(source);
        Object value = NO_VALUE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet was updated; not this cell's result
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw new CompilationException(diagnostics(snippet));
            }
            JShellException thrown = event.exception();
            if (thrown != null) {
                if (dropAfterwards) {
                    shell.drop(snippet);
                }
                throwFailure(thrown);
            }
            Object result = control.hasValue(event.value()) ? control.take(event.value()) : NO_VALUE;
            if (isExpression(snippet)) {
                value = result;
            }
            if (snippet instanceof DeclarationSnippet declaration
                    && event.status() == Snippet.Status.RECOVERABLE_DEFINED) {
                String missing = shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
                if (!missing.isEmpty()) {
                    System.err.println("note: " + declaration.name() + " is declared, but cannot be used until "
                            + missing + " is declared");
                }
            }
            if (dropAfterwards) {
                shell.drop(snippet);
            }
        }
        return value;
    }

    private static boolean isExpression(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || (snippet.kind() == Snippet.Kind.VAR
                        && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private void throwFailure(JShellException thrown) throws CompilationException, CellFailure {
        Throwable real = control.takeLastFailure();
        if (real != null) {
            throw new CellFailure(real);
        }
        if (thrown instanceof UnresolvedReferenceException unresolved) {
            String missing = shell.unresolvedDependencies(unresolved.getSnippet()).collect(Collectors.joining(", "));
            throw new CompilationException(List.of("error: " + unresolved.getSnippet().name()
                    + " cannot run until " + missing + " is declared"));
        }
        String className = thrown instanceof EvalException eval ? eval.getExceptionClassName() : "Exception";
        throw new CompilationException(List.of(className + ": " + thrown.getMessage()));
    }

    private List<String> diagnostics(Snippet snippet) {
        List<String> lines = new ArrayList<>();
        String source = snippet.source();
        shell.diagnostics(snippet).forEach(diag -> addDiagnostic(lines, diag, source));
        if (lines.isEmpty()) {
            lines.add("error: this code cannot be compiled: " + firstLine(source));
        }
        return lines;
    }

    private static void addDiagnostic(List<String> lines, Diag diag, String source) {
        lines.add((diag.isError() ? "error: " : "warning: ") + diag.getMessage(Locale.ROOT));
        int start = (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
        int end = (int) Math.max(start + 1, Math.min(diag.getEndPosition(), source.length()));
        int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start > 0 && source.charAt(start - 1) == '\n') {
            lineStart = start;
        }
        int lineEnd = source.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        String line = source.substring(lineStart, lineEnd);
        lines.add("    " + line);
        int markEnd = Math.min(end, lineEnd);
        lines.add("    " + " ".repeat(start - lineStart) + "^" + "~".repeat(Math.max(0, markEnd - start - 1)));
    }

    private static String firstLine(String code) {
        String trimmed = code.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl) + " …";
    }

    void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    boolean isCellRunning() {
        return control.isCellRunning();
    }

    void interrupt() {
        interruptRequested = true;
        control.interruptCell();
    }

    @Override
    public void close() {
        shell.close();
    }
}
