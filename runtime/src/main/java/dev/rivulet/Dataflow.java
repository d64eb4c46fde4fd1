package dev.rivulet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rivulet.flow.FlowStep;
import dev.rivulet.flow.Operation;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.io.Source;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataflow: a named graph of steps, built by calling operators on the streams it returns, and
 * run with {@link Rivulet#runMain}, {@link Rivulet#run} or on a cluster.
 *
 * <pre>{@code
 * var flow = new Dataflow("wordcount");
 * flow.input("lines", Sources.testing(List.of("a b", "b")))
 *     .flatMap("split", line -> List.of(line.split(" ")))
 *     .keyBy("by-word", w -> w)
 *     .map("one", w -> 1L)
 *     .reduce("count", Long::sum)
 *     .capture("out");
 * RunResult result = Rivulet.runMain(flow);   // result.captured("out") = [(a, 1), (b, 2)]
 * }</pre>
 *
 * <p>Every operator takes a step id first. Step ids are unique within a flow (adding a second step
 * with the same id fails at once); they name the step in errors, statistics, drawings and
 * recovery state. A flow is {@link Serializable}: its steps and functions travel to worker
 * processes.
 */
public final class Dataflow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<FlowStep> steps = new ArrayList<>();
    private final Map<String, Integer> stepIndex = new HashMap<>();

    /** A new, empty flow. {@code name} identifies it in recovery directories and drawings. */
    public Dataflow(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new FlowDefinitionException("a Dataflow needs a non-blank name, such as \"wordcount\"");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * Adds an input step reading {@code source}.
     *
     * <pre>{@code
     * DataStream<String> lines = flow.input("lines", Sources.lines(Path.of("book.txt")));
     * }</pre>
     */
    public <T> DataStream<T> input(String stepId, Source<T> source) {
        Objects.requireNonNull(source, () -> "input '" + stepId + "': source is null");
        return new DataStream<>(this, add(stepId, List.of(), new Operation.Input(source)));
    }

    /**
     * The flow's description: its steps in the order they were added, each with its id, the
     * streams it reads and its {@link Operation}. Runners translate it (see
     * {@link dev.rivulet.flow}).
     */
    public List<FlowStep> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** Appends a step reading one stream; returns its main output stream. */
    StreamRef add(String stepId, StreamRef input, Operation operation) {
        return add(stepId, List.of(input), operation);
    }

    /** Appends a step after checking its id; returns its main output stream. */
    StreamRef add(String id, List<StreamRef> inputs, Operation operation) {
        FlowStep step = new FlowStep(id, inputs, operation);
        if (id == null || id.isBlank()) {
            throw new FlowDefinitionException("a " + step.operator() + " step in flow '" + name
                    + "' has no step id: pass a short unique name as the first argument");
        }
        Integer existing = stepIndex.get(id);
        if (existing != null) {
            throw new FlowDefinitionException("flow '" + name + "' already has a step '" + id
                    + "' (a " + steps.get(existing).operator() + "); step ids must be unique:"
                    + " rename the " + step.operator() + " step. (In a notebook, re-running a"
                    + " cell that adds steps to an existing flow adds them twice: build the flow"
                    + " in one cell.)");
        }
        for (StreamRef input : step.inputs()) {
            if (input.step() < 0 || input.step() >= steps.size()) {
                throw new FlowDefinitionException("step '" + id + "' reads a stream of another flow;"
                        + " streams can only be combined within one Dataflow");
            }
        }
        stepIndex.put(id, steps.size());
        steps.add(step);
        return new StreamRef(steps.size() - 1, 0);
    }

    /**
     * Checks that the flow can run: it has an input and an output. Called by every entry point
     * before any data moves.
     */
    public void validate() {
        boolean hasInput = steps.stream().anyMatch(s -> s.operation() instanceof Operation.Input);
        if (!hasInput) {
            throw new FlowDefinitionException("Dataflow '" + name + "' needs at least one input:"
                    + " add one with flow.input(stepId, source)");
        }
        boolean hasOutput = steps.stream().anyMatch(FlowStep::isOutput);
        if (!hasOutput) {
            throw new FlowDefinitionException("Dataflow '" + name + "' needs at least one output:"
                    + " add .output(stepId, sink) or .capture(stepId) to a stream");
        }
    }

    /**
     * The flow's shape as JSON, for drawings, the CLI and tools: its name and, per step, the id,
     * the operator, the streams it reads ({@code "step"} or {@code "step.port"} for a second
     * output) and whether it keeps state.
     *
     * <pre>{@code
     * {"name":"wordcount","steps":[{"id":"lines","operator":"input","inputs":[],"stateful":true}, …]}
     * }</pre>
     */
    public String describe() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("name", name);
        ArrayNode list = root.putArray("steps");
        for (FlowStep step : steps) {
            ObjectNode node = list.addObject();
            node.put("id", step.stepId());
            node.put("operator", step.operator());
            ArrayNode inputs = node.putArray("inputs");
            for (StreamRef input : step.inputs()) {
                String upstream = steps.get(input.step()).stepId();
                inputs.add(input.port() == 0 ? upstream : upstream + "." + input.port());
            }
            node.put("outputs", step.outputPorts());
            node.put("stateful", step.isStateful());
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How a stream of this flow reads as a notebook cell's value (the {@code toString} of every
     * stream type): {@code KeyedStream of step 'by-word' (keyBy), step 4 of 7 in flow 'wordcount'}.
     */
    String streamText(String kind, StreamRef ref) {
        var step = steps.get(ref.step());
        String port = "";
        if (step.operator().equals("branch")) {
            port = ref.port() == 0 ? ", true output" : ", false output";
        } else if (ref.port() > 0) {
            port = step.operator().endsWith("Window") ? ", late items" : ", output " + ref.port();
        }
        return kind + " of step '" + step.stepId() + "' (" + step.operator() + port + "), step " + (ref.step() + 1)
                + " of " + steps.size() + " in flow '" + name + "'";
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Dataflow '" + name + "' (" + steps.size() + " steps)");
        for (FlowStep step : steps) {
            text.append("\n  ").append(step.stepId()).append(": ").append(step.operator());
        }
        return text.toString();
    }
}
