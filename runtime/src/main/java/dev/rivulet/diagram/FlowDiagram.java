package dev.rivulet.diagram;

import dev.rivulet.Dataflow;
import dev.rivulet.flow.FlowStep;
import dev.rivulet.flow.StreamRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a flow as an SVG picture (no JavaScript, so it renders in any notebook front end, in
 * GitHub and in saved HTML): one box per step with its id and operator, top to bottom in flow
 * order, arrows for streams, stateful steps with a double border, and the second output of
 * {@code branch} and window steps labelled.
 *
 * <pre>{@code
 * String svg = FlowDiagram.svg(flow);   // the notebook's %dataflow shows this
 * }</pre>
 */
public final class FlowDiagram {
    private static final int BOX_W = 170;
    private static final int BOX_H = 44;
    private static final int GAP_X = 30;
    private static final int GAP_Y = 36;
    private static final int MARGIN = 16;

    private FlowDiagram() {
    }

    /** The SVG document of {@code flow}. */
    public static String svg(Dataflow flow) {
        List<FlowStep> steps = flow.steps();
        int n = steps.size();
        int[] depth = new int[n];
        for (int i = 0; i < n; i++) {
            for (StreamRef input : steps.get(i).inputs()) {
                depth[i] = Math.max(depth[i], depth[input.step()] + 1);
            }
        }
        int rows = 0;
        for (int d : depth) {
            rows = Math.max(rows, d + 1);
        }
        int[] column = new int[n];
        int[] perRow = new int[rows];
        for (int i = 0; i < n; i++) {
            column[i] = perRow[depth[i]]++;
        }
        int columns = 1;
        for (int count : perRow) {
            columns = Math.max(columns, count);
        }
        int width = MARGIN * 2 + columns * BOX_W + (columns - 1) * GAP_X;
        int height = MARGIN * 2 + rows * BOX_H + (rows - 1) * GAP_Y + 20;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        svg.append("<title>").append(escape("Dataflow " + flow.name())).append("</title>\n");
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(height - 6)
                .append("\" fill=\"#777\">").append(escape(flow.name())).append("</text>\n");
        List<String> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (StreamRef input : steps.get(i).inputs()) {
                int from = input.step();
                int x1 = centerX(column[from], perRow[depth[from]], columns);
                int y1 = top(depth[from]) + BOX_H;
                int x2 = centerX(column[i], perRow[depth[i]], columns);
                int y2 = top(depth[i]);
                edges.add("<line class=\"stream\" x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2
                        + "\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>");
                if (input.port() > 0) {
                    edges.add("<text x=\"" + ((x1 + x2) / 2 + 4) + "\" y=\"" + ((y1 + y2) / 2) + "\" fill=\"#a33\">"
                            + escape(portName(steps.get(from), input.port())) + "</text>");
                }
            }
        }
        edges.forEach(edge -> svg.append(edge).append('\n'));
        for (int i = 0; i < n; i++) {
            FlowStep step = steps.get(i);
            int x = centerX(column[i], perRow[depth[i]], columns) - BOX_W / 2;
            int y = top(depth[i]);
            String fill = step.inputs().isEmpty() ? "#e3f0ff" : step.isOutput() ? "#e6f7e6" : "#ffffff";
            svg.append("<g class=\"step\"><rect x=\"").append(x).append("\" y=\"").append(y)
                    .append("\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H)
                    .append("\" rx=\"6\" fill=\"").append(fill).append("\" stroke=\"#333\" stroke-width=\"")
                    .append(step.isStateful() ? "3" : "1").append("\"/>");
            svg.append("<text x=\"").append(x + BOX_W / 2).append("\" y=\"").append(y + 18)
                    .append("\" text-anchor=\"middle\" font-weight=\"bold\">").append(escape(step.stepId()))
                    .append("</text>");
            svg.append("<text x=\"").append(x + BOX_W / 2).append("\" y=\"").append(y + 34)
                    .append("\" text-anchor=\"middle\" fill=\"#555\">").append(escape(step.operator()
                            + (step.isStateful() && !step.inputs().isEmpty() ? " (stateful)" : "")))
                    .append("</text></g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String portName(FlowStep step, int port) {
        if (step.operator().equals("branch")) {
            return "false";
        }
        if (step.operator().endsWith("Window")) {
            return "late";
        }
        return "port " + port;
    }

    private static int centerX(int column, int inRow, int columns) {
        // Rows with fewer boxes are centred under the widest row.
        int rowWidth = inRow * BOX_W + (inRow - 1) * GAP_X;
        int total = columns * BOX_W + (columns - 1) * GAP_X;
        return MARGIN + (total - rowWidth) / 2 + column * (BOX_W + GAP_X) + BOX_W / 2;
    }

    private static int top(int depth) {
        return MARGIN + depth * (BOX_H + GAP_Y);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
