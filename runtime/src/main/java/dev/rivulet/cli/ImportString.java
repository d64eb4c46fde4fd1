package dev.rivulet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed import string: which class (or {@code .java} file) holds the flow, and which public
 * static member gives it.
 *
 * <pre>{@code
 * ImportString.parse("com.example.Flows")                    // field 'flow' of com.example.Flows
 * ImportString.parse("com.example.Flows:counts")             // field (or no-arg method) 'counts'
 * ImportString.parse("com.example.Flows:build(\"a.txt\", 3)") // method build with two arguments
 * ImportString.parse("flows/Counts.java:build(2)")           // a source file compiled on the fly
 * }</pre>
 *
 * @param text the import string as typed
 * @param target the class name, or the path of the {@code .java} file
 * @param sourceFile whether {@code target} is a {@code .java} file
 * @param member the field or method name ({@code flow} when none was given)
 * @param arguments the call's literal arguments, or {@code null} when no parentheses were given
 */
public record ImportString(String text, String target, boolean sourceFile, String member,
        List<Literal> arguments) {

    /** The default member name. */
    public static final String DEFAULT_MEMBER = "flow";

    /** The accepted forms, printed with every malformed-import-string error. */
    public static final String EXPECTED_FORMS = String.join("\n",
            "expected one of:",
            "  com.example.Flows                      the public static Dataflow field 'flow'",
            "  com.example.Flows:myFlow               a public static Dataflow field, or a static"
                    + " method without arguments",
            "  com.example.Flows:build(\"in.txt\", 3)   a public static method called with literal"
                    + " arguments (\"strings\", 3, 3L, 2.5, true, false, null)",
            "  path/to/Flows.java[:member]            a single source file, compiled on the fly");

    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:\\d[\\d_]*(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?[lLdDfF]?");

    /** Whether this names a call ({@code member(...)}) rather than a field or bare name. */
    public boolean isCall() {
        return arguments != null;
    }

    /** The member part as Rivulet reads it, e.g. {@code build("a.txt", 3)}. */
    public String memberText() {
        if (arguments == null) {
            return member;
        }
        StringBuilder text = new StringBuilder(member).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(arguments.get(i).text());
        }
        return text.append(')').toString();
    }

    /**
     * Parses an import string.
     *
     * @throws FlowLoadException with the expected forms when it is malformed
     */
    public static ImportString parse(String text) {
        if (text == null || text.isBlank()) {
            throw malformed(text, "the import string is empty");
        }
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        if (trimmed.matches("[A-Za-z]:[\\\\/].*")) {
            colon = trimmed.indexOf(':', 2); // a Windows drive letter, not the member separator
        }
        String target = (colon < 0 ? trimmed : trimmed.substring(0, colon)).trim();
        String memberPart = colon < 0 ? "" : trimmed.substring(colon + 1).trim();
        if (target.isEmpty()) {
            throw malformed(text, "nothing before the ':'; name the class (com.example.Flows) or"
                    + " the source file (path/to/Flows.java)");
        }
        boolean sourceFile = target.endsWith(".java");
        if (!sourceFile) {
            checkClassName(text, target);
        }
        if (memberPart.isEmpty()) {
            return new ImportString(text, target, sourceFile, DEFAULT_MEMBER, null);
        }
        if (isIdentifier(memberPart)) {
            return new ImportString(text, target, sourceFile, memberPart, null);
        }
        int paren = memberPart.indexOf('(');
        if (paren < 0) {
            if (memberPart.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+")) {
                throw malformed(text, "'" + memberPart + "' is not a member name: after the ':' Rivulet"
                        + " looks up one public static field or method; to reach a nested class,"
                        + " name it before the ':' (com.example.Outer.Inner:flow)");
            }
            throw malformed(text, "cannot read '" + memberPart + "' as a field name or method call");
        }
        String callee = memberPart.substring(0, paren).trim();
        if (!isIdentifier(callee)) {
            if (callee.contains(".")) {
                throw malformed(text, "the method in '" + memberPart + "' must be a simple name of a"
                        + " static method of the class: write " + target + ":"
                        + callee.substring(callee.lastIndexOf('.') + 1) + "(...), or name the"
                        + " class that has it before the ':'");
            }
            throw malformed(text, "cannot read '" + memberPart + "' as a field name or method call");
        }
        List<Literal> args = new ArgumentReader(text, memberPart, paren + 1).readAll();
        return new ImportString(text, target, sourceFile, callee, args);
    }

    private static void checkClassName(String text, String target) {
        if (target.endsWith(".class")) {
            throw malformed(text, "'" + target + "' is a .class file; give the class name instead"
                    + " (com.example.Flows) and add its classes directory or jar with --classpath");
        }
        if (target.contains("/") || target.contains("\\")) {
            throw malformed(text, "'" + target + "' looks like a path but is not a .java file; give"
                    + " a .java source file, or the fully qualified class name (com.example.Flows)"
                    + " with its directory or jar on --classpath");
        }
        for (String segment : target.split("\\.", -1)) {
            if (!isIdentifier(segment)) {
                throw malformed(text, "'" + target + "' is not a Java class name; use the fully"
                        + " qualified name, such as com.example.Flows");
            }
        }
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static FlowLoadException malformed(String text, String reason) {
        return new FlowLoadException("malformed import string '" + text + "': " + reason + "\n"
                + EXPECTED_FORMS, null, true);
    }

    /** Reads {@code lit, lit, ...)} up to the closing parenthesis. */
    private static final class ArgumentReader {
        private final String text;
        private final String member;
        private int pos;

        ArgumentReader(String text, String member, int start) {
            this.text = text;
            this.member = member;
            this.pos = start;
        }

        List<Literal> readAll() {
            List<Literal> args = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return end(args);
            }
            while (true) {
                skipSpaces();
                args.add(readLiteral(args.size() + 1));
                skipSpaces();
                char c = peek();
                pos++;
                if (c == ')') {
                    return end(args);
                }
                if (c != ',') {
                    throw malformed(text, c == 0 ? "'" + member + "' lacks its closing ')'"
                            : "expected ',' or ')' after argument " + args.size() + " of '" + member + "'");
                }
            }
        }

        private List<Literal> end(List<Literal> args) {
            if (pos < member.length() && !member.substring(pos).isBlank()) {
                throw malformed(text, "unexpected '" + member.substring(pos).trim() + "' after the"
                        + " closing ')' of '" + member + "'");
            }
            return args;
        }

        private Literal readLiteral(int index) {
            char c = peek();
            if (c == '"') {
                return readString(index);
            }
            int start = pos;
            while (pos < member.length() && member.charAt(pos) != ',' && member.charAt(pos) != ')') {
                pos++;
            }
            String token = member.substring(start, pos).trim();
            switch (token) {
                case "true", "false":
                    return new Literal(Literal.Kind.BOOLEAN, Boolean.valueOf(token), token);
                case "null":
                    return new Literal(Literal.Kind.NULL, null, token);
                default:
                    break;
            }
            if (NUMBER.matcher(token).matches()) {
                return number(token, index);
            }
            String hint = token.startsWith("'") ? " (strings take double quotes: \"text\")" : "";
            throw new FlowLoadException("argument " + index + " of '" + member + "' in import string '"
                    + text + "' is not a literal: '" + token + "'" + hint + ". Arguments may only be"
                    + " \"strings\" (with Java escapes), whole numbers (3, 3L), decimals (2.5),"
                    + " true, false or null.\n" + EXPECTED_FORMS, null, true);
        }

        private Literal number(String token, int index) {
            String digits = token.replace("_", "");
            char last = Character.toLowerCase(digits.charAt(digits.length() - 1));
            try {
                if (last == 'l') {
                    return new Literal(Literal.Kind.LONG, Long.parseLong(digits.substring(0, digits.length() - 1)), token);
                }
                if (last == 'd' || last == 'f' || digits.contains(".") || digits.contains("e")
                        || digits.contains("E")) {
                    return new Literal(Literal.Kind.DOUBLE, Double.parseDouble(digits), token);
                }
                long value = Long.parseLong(digits);
                return value == (int) value ? new Literal(Literal.Kind.INT, (int) value, token)
                        : new Literal(Literal.Kind.LONG, value, token);
            } catch (NumberFormatException e) {
                throw new FlowLoadException("argument " + index + " of '" + member + "' in import string '"
                        + text + "': " + token + " does not fit a long (at most " + Long.MAX_VALUE + ")",
                        null, true);
            }
        }

        private Literal readString(int index) {
            int start = pos;
            pos++;
            StringBuilder value = new StringBuilder();
            while (pos < member.length()) {
                char c = member.charAt(pos++);
                if (c == '"') {
                    return new Literal(Literal.Kind.STRING, value.toString(), member.substring(start, pos));
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (pos >= member.length()) {
                    break;
                }
                char e = member.charAt(pos++);
                switch (e) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 's' -> value.append(' ');
                    case '0' -> value.append('\0');
                    case '"', '\'', '\\' -> value.append(e);
                    case 'u' -> value.append(unicode(index));
                    default -> throw new FlowLoadException("argument " + index + " of '" + member
                            + "' in import string '" + text + "' has an unknown escape \\" + e
                            + "; use \\n, \\t, \\r, \\b, \\f, \\s, \\0, \\\", \\', \\\\ or \\uXXXX", null, true);
                }
            }
            throw malformed(text, "argument " + index + " of '" + member + "' has no closing '\"'");
        }

        private char unicode(int index) {
            if (pos + 4 <= member.length()) {
                Matcher hex = Pattern.compile("[0-9A-Fa-f]{4}").matcher(member.substring(pos, pos + 4));
                if (hex.matches()) {
                    pos += 4;
                    return (char) Integer.parseInt(hex.group(), 16);
                }
            }
            throw new FlowLoadException("argument " + index + " of '" + member + "' in import string '"
                    + text + "': \\u must be followed by four hex digits", null, true);
        }

        private char peek() {
            return pos < member.length() ? member.charAt(pos) : 0;
        }

        private void skipSpaces() {
            while (pos < member.length() && Character.isWhitespace(member.charAt(pos))) {
                pos++;
            }
        }
    }
}
