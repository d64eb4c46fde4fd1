package dev.rivulet.engine.steps;

import dev.rivulet.engine.ItemSink;
import dev.rivulet.engine.Stage;
import dev.rivulet.engine.StatelessStep;
import dev.rivulet.engine.StepStats;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.fn.MapFn;

/** {@code map}: one item in, one item out. On a keyed stream it maps the value and keeps the key. */
public final class MapStep extends StatelessStep {
    private static final long serialVersionUID = 1L;

    private final MapFn<Object, Object> mapper;
    private final boolean valuesOnly;

    @SuppressWarnings("unchecked")
    public MapStep(String stepId, StreamRef input, MapFn<?, ?> mapper, boolean valuesOnly) {
        super(stepId, input);
        this.mapper = (MapFn<Object, Object>) mapper;
        this.valuesOnly = valuesOnly;
    }

    @Override
    public String operator() {
        return "map";
    }

    @Override
    public Stage stage(ItemSink next, StepStats stats) {
        return StageClasses.create(MapStage.class, this, next, stats, mapper, valuesOnly);
    }
}
