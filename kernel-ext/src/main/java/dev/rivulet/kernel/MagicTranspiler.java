package dev.rivulet.kernel;

import io.github.spencerpark.jupyter.kernel.magic.CellMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import java.util.List;
import java.util.function.Function;

/**
 * Rewrites magic syntax into calls of {@link NotebookFunctions}, the way IJava does:
 *
 * <ul>
 *   <li>{@code %name a "b c"} on its own line → {@code lineMagicStatement("name", List.of("a", "b c"));}
 *       (a statement: the magic shows its own output, nothing else is printed);</li>
 *   <li>{@code var t = %name args} (a magic right after {@code =}) →
 *       {@code var t = (Type) lineMagic("name", List.of(...));} where {@code Type} is the magic's
 *       declared result type, so {@code t} is typed;</li>
 *   <li>a cell starting with {@code %%name args} and a body →
 *       {@code cellMagicStatement("name", List.of(...), "body");}.</li>
 * </ul>
 *
 * Arguments are split on whitespace with double quotes grouping (basekernel's {@link MagicParser}).
 */
final class MagicTranspiler {

    private final MagicParser parser = new MagicParser("(?<=(?:^|=))\\s*%", "%%");
    private final Function<String, Class<?>> resultTypes;

    /** {@code resultTypes} gives a line magic's declared result type, or null when unknown. */
    MagicTranspiler(Function<String, Class<?>> resultTypes) {
        this.resultTypes = resultTypes;
    }

    String transpile(String cell) {
        CellMagicParseContext cellMagic = parser.parseCellMagic(cell);
        if (cellMagic != null) {
            return "cellMagicStatement(" + literal(cellMagic.getMagicCall().getName()) + ", "
                    + listOf(cellMagic.getMagicCall().getArgs()) + ", "
                    + literal(cellMagic.getMagicCall().getBody()) + ");";
        }
        return parser.transformLineMagics(cell, this::lineMagic);
    }

    private String lineMagic(LineMagicParseContext context) {
        String name = context.getMagicCall().getName();
        List<String> args = context.getMagicCall().getArgs();
        if (context.getLinePrefix().isBlank()) {
            return "lineMagicStatement(" + literal(name) + ", " + listOf(args) + ");";
        }
        if (!args.isEmpty() && args.get(args.size() - 1).endsWith(";")) {
            String last = args.get(args.size() - 1);
            args = new java.util.ArrayList<>(args.subList(0, args.size() - 1));
            if (last.length() > 1) {
                args.add(last.substring(0, last.length() - 1));
            }
        }
        Class<?> type = resultTypes.apply(name);
        String cast = type == null || type == Object.class ? "" : "(" + type.getCanonicalName() + ") ";
        return " " + cast + "lineMagic(" + literal(name) + ", " + listOf(args) + ");";
    }

    private static String listOf(List<String> args) {
        StringBuilder out = new StringBuilder("java.util.List.of(");
        for (int i = 0; i < args.size(); i++) {
            out.append(i > 0 ? ", " : "").append(literal(args.get(i)));
        }
        return out.append(")").toString();
    }

    /** A Java string literal of {@code s}. */
    static String literal(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
