package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of import strings and their literal arguments (reference §6.3, the Java way). */
class ImportStringTest {

    private static List<Object> values(ImportString spec) {
        return spec.arguments().stream().map(Literal::value).toList();
    }

    @Test
    void classAloneMeansTheFieldFlow() {
        ImportString spec = ImportString.parse("com.example.Flows");
        assertThat(spec.target()).isEqualTo("com.example.Flows");
        assertThat(spec.sourceFile()).isFalse();
        assertThat(spec.member()).isEqualTo("flow");
        assertThat(spec.isCall()).isFalse();
        assertThat(ImportString.parse("com.example.Flows:").member()).isEqualTo("flow");
    }

    @Test
    void classAndMember() {
        ImportString spec = ImportString.parse(" com.example.Flows : counts ");
        assertThat(spec.target()).isEqualTo("com.example.Flows");
        assertThat(spec.member()).isEqualTo("counts");
        assertThat(spec.isCall()).isFalse();
    }

    @Test
    void methodCallWithLiterals() {
        ImportString spec = ImportString.parse(
                "com.example.Flows:build(\"in \\\"q\\\".txt\\n\", 3, -7L, 2.5, 1e3, true, false, null, 4_000_000_000, \"\\u00e9\")");
        assertThat(spec.member()).isEqualTo("build");
        assertThat(values(spec)).containsExactly("in \"q\".txt\n", 3, -7L, 2.5, 1000.0, true, false, null,
                4_000_000_000L, "é");
        assertThat(spec.arguments()).extracting(Literal::kind).containsExactly(Literal.Kind.STRING,
                Literal.Kind.INT, Literal.Kind.LONG, Literal.Kind.DOUBLE, Literal.Kind.DOUBLE,
                Literal.Kind.BOOLEAN, Literal.Kind.BOOLEAN, Literal.Kind.NULL, Literal.Kind.LONG,
                Literal.Kind.STRING);
        assertThat(ImportString.parse("a.B:make()").arguments()).isEmpty();
        assertThat(ImportString.parse("a.B:f(\"x:y,z)\")").arguments()).extracting(Literal::value)
                .containsExactly("x:y,z)");
    }

    @Test
    void sourceFiles() {
        ImportString plain = ImportString.parse("flows/Counts.java");
        assertThat(plain.sourceFile()).isTrue();
        assertThat(plain.target()).isEqualTo("flows/Counts.java");
        assertThat(plain.member()).isEqualTo("flow");
        ImportString call = ImportString.parse("/tmp/x/Counts.java:build(2)");
        assertThat(call.target()).isEqualTo("/tmp/x/Counts.java");
        assertThat(values(call)).containsExactly(2);
        assertThat(ImportString.parse("C:\\flows\\Counts.java:other").target()).isEqualTo("C:\\flows\\Counts.java");
    }

    @Test
    void malformedStringsShowTheExpectedForms() {
        assertThatThrownBy(() -> ImportString.parse(""))
                .isInstanceOf(FlowLoadException.class)
                .hasMessageStartingWith("malformed import string '': the import string is empty\nexpected one of:")
                .hasMessageContaining("com.example.Flows:build(\"in.txt\", 3)")
                .hasMessageContaining("path/to/Flows.java[:member]")
                .matches(e -> ((FlowLoadException) e).isUsageError());
        assertThatThrownBy(() -> ImportString.parse(":flow"))
                .hasMessageStartingWith("malformed import string ':flow': nothing before the ':'");
        assertThatThrownBy(() -> ImportString.parse("com..Flows"))
                .hasMessageStartingWith("malformed import string 'com..Flows': 'com..Flows' is not a Java"
                        + " class name; use the fully qualified name, such as com.example.Flows");
        assertThatThrownBy(() -> ImportString.parse("target/classes/Flows.class"))
                .hasMessageContaining("is a .class file; give the class name instead");
        assertThatThrownBy(() -> ImportString.parse("src/Flows.py"))
                .hasMessageContaining("looks like a path but is not a .java file");
    }

    @Test
    void memberThatIsNotANameOrCall() {
        assertThatThrownBy(() -> ImportString.parse("pkg.Mod:x.y"))
                .hasMessageStartingWith("malformed import string 'pkg.Mod:x.y': 'x.y' is not a member name:"
                        + " after the ':' Rivulet looks up one public static field or method; to reach a"
                        + " nested class, name it before the ':' (com.example.Outer.Inner:flow)");
        assertThatThrownBy(() -> ImportString.parse("pkg.Mod:a.b()"))
                .hasMessageStartingWith("malformed import string 'pkg.Mod:a.b()': the method in 'a.b()' must"
                        + " be a simple name of a static method of the class: write pkg.Mod:b(...)");
        assertThatThrownBy(() -> ImportString.parse("pkg.Mod:1+"))
                .hasMessageStartingWith("malformed import string 'pkg.Mod:1+': cannot read '1+' as a field"
                        + " name or method call");
        assertThatThrownBy(() -> ImportString.parse("pkg.Mod:build(1"))
                .hasMessageStartingWith("malformed import string 'pkg.Mod:build(1': 'build(1' lacks its closing ')'");
        assertThatThrownBy(() -> ImportString.parse("pkg.Mod:build(1) x"))
                .hasMessageContaining("unexpected 'x' after the closing ')' of 'build(1) x'");
        assertThatThrownBy(() -> ImportString.parse("pkg.Mod:build(\"a)"))
                .hasMessageContaining("argument 1 of 'build(\"a)' has no closing '\"'");
    }

    @Test
    void argumentsThatAreNotLiterals() {
        assertThatThrownBy(() -> ImportString.parse("pkg.Mod:build(x)"))
                .isInstanceOf(FlowLoadException.class)
                .hasMessageStartingWith("argument 1 of 'build(x)' in import string 'pkg.Mod:build(x)' is not"
                        + " a literal: 'x'. Arguments may only be \"strings\" (with Java escapes), whole"
                        + " numbers (3, 3L), decimals (2.5), true, false or null.");
        assertThatThrownBy(() -> ImportString.parse("pkg.Mod:build(1, 'a')"))
                .hasMessageContaining("argument 2 of 'build(1, 'a')'")
                .hasMessageContaining("(strings take double quotes: \"text\")");
        assertThatThrownBy(() -> ImportString.parse("pkg.Mod:build(99999999999999999999)"))
                .hasMessageContaining("99999999999999999999 does not fit a long");
        assertThatThrownBy(() -> ImportString.parse("pkg.Mod:build(\"\\q\")"))
                .hasMessageContaining("has an unknown escape \\q");
    }

    @Test
    void memberTextShowsTheCallAsRead() {
        assertThat(ImportString.parse("a.B:build( \"x\" ,3L )").memberText()).isEqualTo("build(\"x\", 3L)");
        assertThat(ImportString.parse("a.B").memberText()).isEqualTo("flow");
    }
}
