package dev.rivulet.flink.internals;

import dev.rivulet.flow.Operation;
import dev.rivulet.window.Windower;
import dev.rivulet.window.internals.Aggregator;
import dev.rivulet.window.internals.CollectAggregator;
import dev.rivulet.window.internals.FoldAggregator;
import dev.rivulet.window.internals.ReduceAggregator;

/** The aggregator of a window operation, the same the native engine uses (so results match). */
final class WindowAggregators {
    private WindowAggregators() {
    }

    static Aggregator of(Operation.Window window) {
        if (window instanceof Operation.FoldWindow f) {
            return new FoldAggregator(f.builder(), f.folder(), f.merger(), f.windower() instanceof Windower.Session);
        } else if (window instanceof Operation.ReduceWindow r) {
            return new ReduceAggregator(r.reducer());
        }
        return new CollectAggregator();
    }
}
