package dev.rivulet.cli;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a single {@code .java} source file, like {@code java Flows.java} does: the file may
 * declare several classes, its public class need not match the file name, and the first
 * top-level class is the one the import string refers to.
 *
 * <p>Classes are written to a scratch directory rather than kept in memory so that worker
 * processes started for {@code -p N} can load them from their classpath too.
 *
 * <pre>{@code
 * String main = SourceFileCompiler.compile(Path.of("Flows.java"), "lib/dep.jar", scratch);
 * }</pre>
 */
public final class SourceFileCompiler {

    private SourceFileCompiler() {
    }

    /**
     * Compiles {@code source} against {@code classpath} into {@code outputDir} and returns the
     * binary name of its first top-level class.
     *
     * @throws FlowLoadException when the file is missing, no compiler is available, or it does
     *     not compile (every error listed as {@code file:line: message})
     */
    public static String compile(Path source, String classpath, Path outputDir) {
        if (!Files.isRegularFile(source)) {
            throw new FlowLoadException("source file " + source + " does not exist (working directory: "
                    + Path.of("").toAbsolutePath() + "); check the path before the ':'", null, true);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new FlowLoadException("cannot compile " + source + ": this Java runtime has no"
                    + " compiler (javax.tools). Run rivulet with a JDK (set JAVA_HOME to it), or"
                    + " compile the class yourself and pass its name with --classpath", null, true);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter otherOutput = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Files.createDirectories(outputDir);
            List<String> options = List.of("-d", outputDir.toString(), "-classpath", classpath,
                    "-proc:none", "-parameters", "-encoding", "UTF-8");
            JavacTask task = (JavacTask) compiler.getTask(otherOutput, files, diagnostics, options, null,
                    List.of(new SourceFile(source)));
            String firstClass = null;
            for (CompilationUnitTree unit : task.parse()) {
                firstClass = firstClass != null ? firstClass : firstTopLevelClass(unit);
            }
            task.generate();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> describe(source, d))
                    .collect(Collectors.toList());
            if (!errors.isEmpty()) {
                throw new FlowLoadException(source + " does not compile (" + errors.size() + " error"
                        + (errors.size() == 1 ? "" : "s") + "):\n" + String.join("\n", errors)
                        + (otherOutput.toString().isBlank() ? "" : "\n" + otherOutput), null, true);
            }
            if (firstClass == null) {
                throw new FlowLoadException(source + " declares no class; declare one with a public"
                        + " static Dataflow field or method", null, true);
            }
            return firstClass;
        } catch (IOException e) {
            throw new FlowLoadException("cannot compile " + source + ": " + e, e, true);
        }
    }

    /**
     * The source file, named as the user typed it; like {@code java Flows.java}, its public
     * class need not match the file name.
     */
    private static final class SourceFile extends SimpleJavaFileObject {
        private final Path path;

        SourceFile(Path path) {
            super(path.toAbsolutePath().toUri(), Kind.SOURCE);
            this.path = path;
        }

        @Override
        public String getName() {
            return path.toString();
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return kind == Kind.SOURCE;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
            return Files.readString(path, StandardCharsets.UTF_8);
        }
    }

    private static String firstTopLevelClass(CompilationUnitTree unit) {
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString() + ".";
        for (Tree type : unit.getTypeDecls()) {
            if (type instanceof ClassTree declared) {
                return pkg + declared.getSimpleName();
            }
        }
        return null;
    }

    private static String describe(Path source, Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? source.toString() : d.getSource().getName();
        String where = d.getLineNumber() == Diagnostic.NOPOS ? file : file + ":" + d.getLineNumber();
        return where + ": error: " + d.getMessage(Locale.ROOT);
    }
}
