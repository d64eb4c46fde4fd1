package dev.rivulet.engine.steps;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StatelessStep;
import dev.rivulet.engine.StepStats;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.FlatMapFn;

/** {@code flatMap}: one item in, each element of the returned iterable out, lazily consumed. */
public final class FlatMapStep extends StatelessStep {
    private static final long serialVersionUID = 1L;

    private final FlatMapFn<Object, Object> mapper;
    private final boolean valuesOnly;

    @SuppressWarnings("unchecked")
    public FlatMapStep(String stepId, StreamRef input, FlatMapFn<?, ?> mapper, boolean valuesOnly) {
        super(stepId, input);
        this.mapper = (FlatMapFn<Object, Object>) mapper;
        this.valuesOnly = valuesOnly;
    }

    @Override
    public String operator() {
        return "flatMap";
    }

    @Override
    public Stage stage(ItemSink next, StepStats stats) {
        return StageClasses.create(FlatMapStage.class, this, next, stats, mapper, valuesOnly);
    }
}
