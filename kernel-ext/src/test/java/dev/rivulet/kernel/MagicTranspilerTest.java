package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class MagicTranspilerTest {

    private final MagicTranspiler transpiler = new MagicTranspiler(Map.<String, Class<?>>of("run_main", Table.class)::get);

    @Test
    void aLineMagicOnItsOwnLineBecomesAStatement() {
        assertThat(transpiler.transpile("%run_main --workers 2 flow"))
                .isEqualTo("lineMagicStatement(\"run_main\", java.util.List.of(\"--workers\", \"2\", \"flow\"));");
    }

    @Test
    void aMagicAfterAnAssignmentIsCastToItsResultType() {
        assertThat(transpiler.transpile("var t = %run_main flow"))
                .isEqualTo("var t = (tech.tablesaw.api.Table) lineMagic(\"run_main\", java.util.List.of(\"flow\"));");
        assertThat(transpiler.transpile("var t = %run_main flow;"))
                .isEqualTo("var t = (tech.tablesaw.api.Table) lineMagic(\"run_main\", java.util.List.of(\"flow\"));");
        assertThat(transpiler.transpile("Object o = %other x"))
                .isEqualTo("Object o = lineMagic(\"other\", java.util.List.of(\"x\"));");
    }

    @Test
    void quotesGroupArgumentsAndOtherLinesStayAsTheyAre() {
        assertThat(transpiler.transpile("int x = 1;\n%jars \"my dir/a.jar\"\nx"))
                .isEqualTo("int x = 1;\nlineMagicStatement(\"jars\", java.util.List.of(\"my dir/a.jar\"));\nx");
        assertThat(transpiler.transpile("int percent = 10 % 3;")).isEqualTo("int percent = 10 % 3;");
    }

    @Test
    void aCellMagicPassesItsBody() {
        assertThat(transpiler.transpile("%%write a.txt\nline \"one\"\nline two"))
                .isEqualTo("cellMagicStatement(\"write\", java.util.List.of(\"a.txt\"), \"line \\\"one\\\"\\nline two\");");
    }
}
