package dev.rivulet.engine.steps;

import dev.rivulet.Dataflow;
import dev.rivulet.engine.Step;
import dev.rivulet.flow.FlowStep;
import dev.rivulet.flow.Operation;
import dev.rivulet.flow.StreamRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a flow's description into the native engine's steps, once per process before a run
 * (the workers of a process share the result). Step indexes and ports are kept, so a
 * {@link StreamRef} names the same stream in both.
 */
public final class StepTranslator {

    private StepTranslator() {
    }

    /** The engine steps of {@code flow}, in the flow's order. */
    public static List<Step> translate(Dataflow flow) {
        List<Step> steps = new ArrayList<>();
        for (FlowStep step : flow.steps()) {
            steps.add(translate(step));
        }
        return List.copyOf(steps);
    }

    static Step translate(FlowStep step) {
        String id = step.stepId();
        List<StreamRef> inputs = step.inputs();
        StreamRef in = inputs.isEmpty() ? null : inputs.get(0);
        Operation op = step.operation();
        if (op instanceof Operation.Input o) {
            return new InputStep(id, o.source());
        } else if (op instanceof Operation.Map o) {
            return new MapStep(id, in, o.mapper(), o.valuesOnly());
        } else if (op instanceof Operation.FlatMap o) {
            return new FlatMapStep(id, in, o.mapper(), o.valuesOnly());
        } else if (op instanceof Operation.Filter o) {
            return new FilterStep(id, in, o.predicate(), o.valuesOnly());
        } else if (op instanceof Operation.FilterMap o) {
            return new FilterMapStep(id, in, o.mapper());
        } else if (op instanceof Operation.Inspect o) {
            return new InspectStep(id, in, o.inspector());
        } else if (op instanceof Operation.InspectEpoch o) {
            return new InspectEpochStep(id, in, o.inspector());
        } else if (op instanceof Operation.KeyBy o) {
            return new KeyByStep(id, in, o.key());
        } else if (op instanceof Operation.Combine o) {
            return o.isCounting() ? CombineStep.counting(id, in, o.key())
                    : new CombineStep(id, in, o.key(), o.value(), o.reducer());
        } else if (op instanceof Operation.Merge) {
            return new MergeStep(id, inputs);
        } else if (op instanceof Operation.Branch o) {
            return new BranchStep(id, in, o.predicate());
        } else if (op instanceof Operation.Output o) {
            return new OutputStep(id, in, o.sink());
        } else if (op instanceof Operation.Capture) {
            return new CaptureStep(id, in);
        } else if (op instanceof Operation.Reduce o) {
            return new ReduceStep(id, in, o.reducer(), o.isComplete());
        } else if (op instanceof Operation.ReduceFinal o) {
            return new ReduceFinalStep(id, in, o.reducer());
        } else if (op instanceof Operation.StatefulMap o) {
            return new StatefulMapStep(id, in, o.builder(), o.mapper());
        } else if (op instanceof Operation.FoldWindow o) {
            return new FoldWindowStep(id, in, o.clock(), o.windower(), o.builder(), o.folder(), o.merger());
        } else if (op instanceof Operation.ReduceWindow o) {
            return new ReduceWindowStep(id, in, o.clock(), o.windower(), o.reducer());
        } else if (op instanceof Operation.CollectWindow o) {
            return new CollectWindowStep(id, in, o.clock(), o.windower());
        }
        throw new IllegalStateException("step '" + id + "': the native engine has no translation for "
                + op.operator());
    }
}
