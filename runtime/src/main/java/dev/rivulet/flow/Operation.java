package dev.rivulet.flow;

import dev.rivulet.fn.CompleteFn;
import dev.rivulet.fn.FilterFn;
import dev.rivulet.fn.FilterMapFn;
import dev.rivulet.fn.FlatMapFn;
import dev.rivulet.fn.FoldFn;
import dev.rivulet.fn.InspectEpochFn;
import dev.rivulet.fn.InspectFn;
import dev.rivulet.fn.KeyFn;
import dev.rivulet.fn.MapFn;
import dev.rivulet.fn.ReduceFn;
import dev.rivulet.fn.StateBuilder;
import dev.rivulet.fn.StatefulMapper;
import dev.rivulet.io.PartitionedSink;
import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.Sink;
import dev.rivulet.io.Source;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.Windower;
import java.io.Serializable;

/**
 * What a {@link FlowStep} does: one record per primitive operator, holding the user's functions
 * and configuration. The set is closed (sealed): a runner translates each kind, and fails before
 * the run, naming the step, for a kind it cannot run. Composite operators of the API are built
 * from these (for example {@code countFinal} is a {@link Combine} followed by a
 * {@link ReduceFinal}).
 *
 * <p>"Keyed" operations read {@code KV(key, value)} items and keep one state per key; every item
 * of a key must reach the same state, wherever the runner puts it. Port 0 is a step's main
 * output; {@link Branch} and the window operations have a second one (port 1).
 *
 * <pre>{@code
 * Operation op = flow.steps().get(1).operation();
 * if (op instanceof Operation.Map map) {
 *     Object out = ((MapFn<Object, Object>) map.mapper()).apply("in");
 * }
 * }</pre>
 */
public sealed interface Operation extends Serializable {

    /** The operator's name as users know it ({@code map}, {@code reduce}, …). */
    String operator();

    /** How many output streams the step has. */
    default int outputPorts() {
        return 1;
    }

    /** Whether the step writes items out of the flow. */
    default boolean isOutput() {
        return false;
    }

    /** Whether the step keeps state or positions that recovery snapshots. */
    default boolean isStateful() {
        return false;
    }

    /**
     * Reads {@code source}: a {@link PartitionedSource} (partitions dealt out over the workers,
     * each resumed from its snapshot) or a {@link dev.rivulet.io.DynamicSource} (one reader per
     * worker, no recovery). Epochs start here.
     */
    record Input(Source<?> source) implements Operation {
        @Override
        public String operator() {
            return "input";
        }

        @Override
        public boolean isStateful() {
            return source instanceof PartitionedSource;
        }
    }

    /** One item in, {@code mapper(item)} out; with {@code valuesOnly} maps the value of a KV and keeps its key. */
    record Map(MapFn<?, ?> mapper, boolean valuesOnly) implements Operation {
        @Override
        public String operator() {
            return "map";
        }
    }

    /**
     * Each element of {@code mapper(item)} out, in order (a {@code null} iterable is an error);
     * with {@code valuesOnly} maps the value of a KV and keys every result with its key.
     */
    record FlatMap(FlatMapFn<?, ?> mapper, boolean valuesOnly) implements Operation {
        @Override
        public String operator() {
            return "flatMap";
        }
    }

    /** Keeps the items {@code predicate} accepts; with {@code valuesOnly} it tests the value of a KV. */
    record Filter(FilterFn<?> predicate, boolean valuesOnly) implements Operation {
        @Override
        public String operator() {
            return "filter";
        }
    }

    /** {@code mapper(item)} out unless it is {@code null}. */
    record FilterMap(FilterMapFn<?, ?> mapper) implements Operation {
        @Override
        public String operator() {
            return "filterMap";
        }
    }

    /** Calls {@code inspector(item)} and passes the item on. */
    record Inspect(InspectFn<?> inspector) implements Operation {
        @Override
        public String operator() {
            return "inspect";
        }
    }

    /** Calls {@code inspector(epoch, item)} with the item's epoch and passes the item on. */
    record InspectEpoch(InspectEpochFn<?> inspector) implements Operation {
        @Override
        public String operator() {
            return "inspectEpoch";
        }
    }

    /**
     * {@code KV(key(item), item)} out. The key must hash the same in every JVM
     * ({@link dev.rivulet.StableHash}); an unroutable key fails this step, naming it.
     */
    record KeyBy(KeyFn<?, ?> key) implements Operation {
        @Override
        public String operator() {
            return "keyBy";
        }
    }

    /**
     * Keys each item with {@code key} and pre-aggregates {@code value(item)} per key with
     * {@code reducer} before the items are exchanged, emitting {@code KV(key, partial)}. A runner
     * may emit partials at any grouping (per epoch, per batch, or one per item): the reducer is
     * associative and commutative, and a keyed {@link ReduceFinal} with the same reducer follows.
     * Keeps nothing across epochs.
     */
    record Combine(KeyFn<?, ?> key, MapFn<?, ?> value, ReduceFn<?> reducer) implements Operation {
        /**
         * Counting ({@code countFinal}): every item contributes 1, summed. A runner may count in
         * a mutable {@code long} per key instead of summing boxes.
         */
        public static Combine counting(KeyFn<?, ?> key) {
            ReduceFn<Long> sum = Long::sum;
            return new Combine(key, One.INSTANCE, sum);
        }

        /** Whether this is {@link #counting}. */
        public boolean isCounting() {
            return value == One.INSTANCE;
        }

        /** The value of every item when counting (an enum, so it stays one instance when shipped). */
        public enum One implements MapFn<Object, Long> {
            INSTANCE;

            @Override
            public Long apply(Object item) {
                return 1L;
            }
        }

        @Override
        public String operator() {
            return "combine";
        }
    }

    /** The items of every input stream as one stream, in arrival order. */
    record Merge() implements Operation {
        @Override
        public String operator() {
            return "merge";
        }
    }

    /** Items {@code predicate} accepts to port 0, the others to port 1. */
    record Branch(FilterFn<?> predicate) implements Operation {
        @Override
        public String operator() {
            return "branch";
        }

        @Override
        public int outputPorts() {
            return 2;
        }
    }

    /**
     * Writes every item to {@code sink} and passes it on. A {@link PartitionedSink}'s partitions
     * are dealt out over the workers, items are routed to their partition's owner, and each
     * partition is snapshotted when an epoch closes; a {@link dev.rivulet.io.DynamicSink} gets
     * one writer per worker.
     */
    record Output(Sink<?> sink) implements Operation {
        @Override
        public String operator() {
            return "output";
        }

        @Override
        public boolean isOutput() {
            return true;
        }

        @Override
        public boolean isStateful() {
            return sink instanceof PartitionedSink;
        }
    }

    /** Hands every item to the run's capture listener (and result) and passes it on. */
    record Capture() implements Operation {
        @Override
        public String operator() {
            return "capture";
        }

        @Override
        public boolean isOutput() {
            return true;
        }
    }

    /** Operations that keep one state per key of their {@code KV} input. */
    sealed interface Keyed extends Operation {
        @Override
        default boolean isStateful() {
            return true;
        }
    }

    /**
     * Bytewax's {@code reduce}: a key's first value is its accumulator, later ones are folded in
     * with {@code reducer}; when {@code isComplete(accumulator)} it is emitted and the key
     * forgotten. Incomplete accumulators are never emitted.
     */
    record Reduce(ReduceFn<?> reducer, CompleteFn<?> isComplete) implements Keyed {
        @Override
        public String operator() {
            return "reduce";
        }
    }

    /**
     * Folds every value of a key with {@code reducer} and emits each key's accumulator at the end
     * of input, only if it changed since last emitted (a resumed run that saw nothing new for a
     * key emits nothing for it).
     */
    record ReduceFinal(ReduceFn<?> reducer) implements Keyed {
        @Override
        public String operator() {
            return "reduce";
        }
    }

    /**
     * For each value, {@code mapper(state, value)} returns the new state and the value to emit;
     * a key without state starts from {@code builder.build()}; a {@code null} new state forgets
     * the key.
     */
    record StatefulMap(StateBuilder<?> builder, StatefulMapper<?, ?, ?> mapper) implements Keyed {
        @Override
        public String operator() {
            return "statefulMap";
        }
    }

    /**
     * The window operations: per key, items are assigned to windows by {@code windower()} on the
     * time {@code clock()} gives them; a window's aggregate is emitted as {@code KV(key,
     * WindowResult)} on port 0 when the clock's watermark passes its end; items too late for
     * every window they belong to go to port 1 as {@code KV(key, value)}.
     */
    sealed interface Window extends Keyed {
        WindowClock<?> clock();

        Windower windower();

        @Override
        default int outputPorts() {
            return 2;
        }
    }

    /**
     * Folds a window's values into {@code builder.build()} with {@code folder}. {@code merger}
     * (may be {@code null}) combines two session accumulators when sessions merge; without it a
     * session's values are kept and folded in item-time order when it closes.
     */
    record FoldWindow(WindowClock<?> clock, Windower windower, StateBuilder<?> builder, FoldFn<?, ?> folder,
            ReduceFn<?> merger) implements Window {
        @Override
        public String operator() {
            return "foldWindow";
        }
    }

    /** Reduces a window's values with the associative {@code reducer} (merged sessions too). */
    record ReduceWindow(WindowClock<?> clock, Windower windower, ReduceFn<?> reducer) implements Window {
        @Override
        public String operator() {
            return "reduceWindow";
        }
    }

    /** A window's values as a list sorted by item time (ties keep arrival order). */
    record CollectWindow(WindowClock<?> clock, Windower windower) implements Window {
        @Override
        public String operator() {
            return "collectWindow";
        }
    }
}
