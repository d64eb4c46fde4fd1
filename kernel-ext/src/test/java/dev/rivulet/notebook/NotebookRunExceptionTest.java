package dev.rivulet.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failed run's report shows the notebook's frames as the user wrote them, not JShell's wrapper names. */
class NotebookRunExceptionTest {

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, "$JShell$15.java", 21);
    }

    @Test
    void cellFramesNameTheCodeNotTheWrapper() {
        assertThat(NotebookRunException.cellFrame(frame("REPL.$JShell$15", "lambda$do_it$$ba54d4e3$1")))
                .isEqualTo("cell code: a lambda");
        assertThat(NotebookRunException.cellFrame(frame("REPL.$JShell$11", "triple"))).isEqualTo("cell code: triple(...)");
        assertThat(NotebookRunException.cellFrame(frame("REPL.$JShell$13$Scaler", "apply")))
                .isEqualTo("cell code: apply(...) of Scaler");
        assertThat(NotebookRunException.cellFrame(frame("REPL.$JShell$13$1", "apply")))
                .isEqualTo("cell code: apply(...) of an anonymous class");
    }

    @Test
    void theReportOfAFailureInACellLambdaHasNoWrapperNames() {
        RuntimeException failure = new NumberFormatException("For input string: \"x\"");
        failure.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.lang.Integer", "parseInt", "Integer.java", 668),
            frame("REPL.$JShell$15", "lambda$do_it$$ba54d4e3$1"),
            new StackTraceElement("dev.rivulet.engine.steps.MapStep", "process", "MapStep.java", 40)});
        assertThat(NotebookRunException.report("parse", failure))
                .contains("at cell code: a lambda").doesNotContain("REPL.").doesNotContain("dev.rivulet.engine");
    }
}
