package dev.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.Dataflow;
import dev.rivulet.Rivulet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way an import string finds a flow, and every way it fails (reference §6.3 table). */
class FlowLoaderTest {
    private static final String FLOWS = "dev.rivulet.cli.fixtures.TestFlows";
    private static final String MEMBERS = "Public static Dataflow members of " + FLOWS + ": field failing,"
            + " field flow, field nullFlow, field other, field printing, method build(String),"
            + " method build(String, int), method either(Path), method either(String), method"
            + " fromPath(Path), method literals(String, int, long, double, boolean, Object), method"
            + " make(), method needsArgs(String), method scaled(double), method scaled(long), method"
            + " sum(int...), method throwing(), method withUnit(TimeUnit).";

    @TempDir
    Path scratch;

    private Dataflow load(String importString) throws Exception {
        try (FlowLoader loader = new FlowLoader(List.of(), scratch)) {
            return loader.load(ImportString.parse(importString));
        }
    }

    private List<Object> items(String importString) throws Exception {
        return Rivulet.runMain(load(importString)).captured("out");
    }

    private FlowLoadException failure(String importString) {
        try {
            load(importString);
        } catch (FlowLoadException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a FlowLoadException, got " + e, e);
        }
        throw new AssertionError("expected " + importString + " to fail");
    }

    @Test
    void defaultFieldNamedFieldAndNestedClass() throws Exception {
        assertThat(items(FLOWS)).containsExactly(0, 10, 20);
        assertThat(items(FLOWS + ":other")).containsExactly(0, 10);
        assertThat(items(FLOWS + ".Nested")).containsExactly("nested");
        assertThat(items(FLOWS + "$Nested:flow")).containsExactly("nested");
    }

    @Test
    void bareMethodNameIsCalledWithoutArguments() throws Exception {
        assertThat(items(FLOWS + ":make")).containsExactly(0, 10);
        assertThat(items(FLOWS + ":make()")).containsExactly(0, 10);
    }

    @Test
    void methodCallsPickTheMatchingOverload() throws Exception {
        assertThat(items(FLOWS + ":build(\"x\", 3)")).containsExactly("x0", "x1", "x2");
        assertThat(items(FLOWS + ":build(\"only\")")).containsExactly("string:only");
        assertThat(items(FLOWS + ":scaled(3)")).containsExactly("long:3");
        assertThat(items(FLOWS + ":scaled(3L)")).containsExactly("long:3");
        assertThat(items(FLOWS + ":scaled(2.5)")).containsExactly("double:2.5");
        assertThat(items(FLOWS + ":fromPath(\"data/in.txt\")")).containsExactly("path:in.txt");
        assertThat(items(FLOWS + ":withUnit(\"SECONDS\")")).containsExactly("unit:SECONDS");
        assertThat(items(FLOWS + ":literals(\"s\", 1, 2, 3, true, null)")).containsExactly("s|1|2|3.0|true|null");
        assertThat(items(FLOWS + ":sum(1, 2, 3)")).containsExactly("sum:6");
        assertThat(items(FLOWS + ":sum()")).containsExactly("sum:0");
        assertThat(items(FLOWS + ":either(\"x\")")).containsExactly("either-string");
    }

    @Test
    void classNotFoundSuggestsSpellingAndClasspath() {
        FlowLoadException e = failure("com.example.Nope:flow");
        assertThat(e.isUsageError()).isTrue();
        assertThat(e).hasMessage("class 'com.example.Nope' was not found (import string"
                + " 'com.example.Nope:flow'). Check the spelling: class names are fully qualified and"
                + " case-sensitive. Make sure its jar or classes directory is on the classpath: add it"
                + " with --classpath (no --classpath was given, so only Rivulet's own classpath was"
                + " searched).");
        assertThat(failure("TestFlows")).hasMessageContaining("A class in a package needs its package,"
                + " such as com.example.TestFlows.");
    }

    @Test
    void missingMemberListsTheDataflowMembersThatExist() {
        assertThat(failure(FLOWS + ":flw")).hasMessage(FLOWS + " has no public static field or method"
                + " 'flw'. " + MEMBERS);
        assertThat(failure(FLOWS + ":nothing(1)")).hasMessage(FLOWS + " has no public static method"
                + " 'nothing'. " + MEMBERS);
        assertThat(failure("dev.rivulet.cli.fixtures.NoFlows")).hasMessage("dev.rivulet.cli.fixtures.NoFlows"
                + " has no public static field or method 'flow' (the default when the import string has"
                + " no ':member'). dev.rivulet.cli.fixtures.NoFlows has no public static Dataflow fields"
                + " or methods at all; add one, e.g. public static final Dataflow flow = build();");
    }

    @Test
    void notADataflow() {
        assertThat(failure(FLOWS + ":notAFlow")).hasMessage(FLOWS + ":notAFlow is a java.lang.String,"
                + " not a dev.rivulet.Dataflow. " + MEMBERS);
        assertThat(failure(FLOWS + ":notAFlowMethod()")).hasMessageStartingWith(FLOWS + ":notAFlowMethod()"
                + " is a java.lang.Integer, not a dev.rivulet.Dataflow.");
        assertThat(failure(FLOWS + ":nullFlow")).hasMessage(FLOWS + ":nullFlow is null, not a Dataflow;"
                + " assign the flow in the field's declaration or a static initializer");
    }

    @Test
    void notPublicOrNotStatic() {
        assertThat(failure(FLOWS + ":hidden")).hasMessage("field 'hidden' of " + FLOWS + " is not public;"
                + " declare it public static");
        assertThat(failure(FLOWS + ":instanceFlow")).hasMessage("field 'instanceFlow' of " + FLOWS
                + " is not static; Rivulet reads flows without creating instances: declare it public static");
        assertThat(failure(FLOWS + ":instanceMethod()")).hasMessage("method 'instanceMethod' of " + FLOWS
                + " is not static; Rivulet reads flows without creating instances: declare it public static");
    }

    @Test
    void wrongArguments() {
        assertThat(failure(FLOWS + ":build(1, 2)")).hasMessage("no public static method build of " + FLOWS
                + " accepts build(1, 2); it has: build(String), build(String, int). Pass arguments that"
                + " match one of them (strings in double quotes, numbers, true/false, null).");
        assertThat(failure(FLOWS + ":needsArgs")).hasMessage(FLOWS + ".needsArgs needs arguments:"
                + " needsArgs(String). Call it with literal arguments, e.g. " + FLOWS + ":needsArgs(\"text\")");
        assertThat(failure(FLOWS + ":either(null)")).hasMessage("either(null) fits several methods of "
                + FLOWS + " equally well: either(Path), either(String). Add a factory method with a"
                + " distinct name or parameter types for the command line.");
        assertThat(failure(FLOWS + ":withUnit(\"FORTNIGHTS\")")).hasMessageStartingWith(
                "no public static method withUnit of " + FLOWS + " accepts withUnit(\"FORTNIGHTS\")");
        assertThat(failure(FLOWS + ":other()")).hasMessage("'other' is a field of " + FLOWS
                + ", not a method: drop the parentheses (" + FLOWS + ":other)");
    }

    @Test
    void factoryThatThrowsShowsItsException() {
        FlowLoadException e = failure(FLOWS + ":throwing()");
        assertThat(e.isUsageError()).isFalse();
        assertThat(e).hasMessage(FLOWS + ".throwing() threw IllegalStateException: no data file while"
                + " building the flow");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("no data file");
    }

    @Test
    void staticInitializerThatThrows() {
        FlowLoadException e = failure("dev.rivulet.cli.fixtures.BrokenInit");
        assertThat(e.isUsageError()).isFalse();
        assertThat(e).hasMessage("initializing class dev.rivulet.cli.fixtures.BrokenInit failed: its"
                + " static initializer threw IllegalStateException: config missing");
    }

    @Test
    void loaderBecomesTheContextClassLoaderUntilClosed() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (FlowLoader loader = new FlowLoader(List.of(), scratch)) {
            loader.load(ImportString.parse(FLOWS));
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(loader.classLoader());
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
}
