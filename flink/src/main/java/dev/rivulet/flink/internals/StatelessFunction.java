package dev.rivulet.flink.internals;

import dev.rivulet.KV;
import dev.rivulet.StableHash;
import dev.rivulet.flow.Operation;
import dev.rivulet.fn.FilterFn;
import dev.rivulet.fn.FilterMapFn;
import dev.rivulet.fn.FlatMapFn;
import dev.rivulet.fn.InspectFn;
import dev.rivulet.fn.KeyFn;
import dev.rivulet.fn.MapFn;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The stateless operations (map, flatMap, filter, filterMap, inspect, keyBy) as one chained
 * Flink function each: Flink chains consecutive ones into the source's task, as the native
 * engine fuses them. After an input it only counts the input's items.
 */
public final class StatelessFunction extends RichFlatMapFunction<Object, Object> {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final Operation operation;
    private transient StepCounters counters;
    private transient int subtask;
    private transient int parallelism;

    public StatelessFunction(String stepId, Operation operation) {
        this.stepId = stepId;
        // after an input it only counts: not a second copy of the source (it may hold all its items)
        this.operation = operation instanceof Operation.Input ? new Operation.Merge() : operation;
    }

    @Override
    public void open(OpenContext openContext) {
        NotebookVariables.restore();
        counters = StepCounters.of(getRuntimeContext(), stepId);
        subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void flatMap(Object item, Collector<Object> out) {
        counters.in.add(1);
        try {
            if (operation instanceof Operation.Map o) {
                MapFn<Object, Object> fn = (MapFn<Object, Object>) o.mapper();
                emit(out, o.valuesOnly() ? new KV<>(((KV<?, ?>) item).key(), fn.apply(((KV<?, ?>) item).value()))
                        : fn.apply(item));
            } else if (operation instanceof Operation.FlatMap o) {
                FlatMapFn<Object, Object> fn = (FlatMapFn<Object, Object>) o.mapper();
                Object key = o.valuesOnly() ? ((KV<?, ?>) item).key() : null;
                Iterable<?> results = fn.apply(o.valuesOnly() ? ((KV<?, ?>) item).value() : item);
                if (results == null) {
                    throw new IllegalStateException("the flatMap function returned null;"
                            + " return an empty list to emit nothing");
                }
                for (Object result : results) {
                    emit(out, o.valuesOnly() ? new KV<>(key, result) : result);
                }
            } else if (operation instanceof Operation.Filter o) {
                FilterFn<Object> fn = (FilterFn<Object>) o.predicate();
                if (fn.test(o.valuesOnly() ? ((KV<?, ?>) item).value() : item)) {
                    emit(out, item);
                }
            } else if (operation instanceof Operation.FilterMap o) {
                Object result = ((FilterMapFn<Object, Object>) o.mapper()).apply(item);
                if (result != null) {
                    emit(out, result);
                }
            } else if (operation instanceof Operation.Inspect o) {
                ((InspectFn<Object>) o.inspector()).accept(item);
                emit(out, item);
            } else if (operation instanceof Operation.KeyBy o) {
                emit(out, new KV<>(routable(((KeyFn<Object, Object>) o.key()).apply(item)), item));
            } else if (operation instanceof Operation.Merge) {
                emit(out, item); // counts the input's items
            } else {
                throw new IllegalStateException("not a stateless operation: " + operation.operator());
            }
        } catch (Throwable t) {
            throw StepFailedException.onItem(stepId, operation.operator(), subtask, parallelism, item, t);
        }
    }

    /** Fails here, in the keying step, with the native engine's words. */
    private static Object routable(Object key) {
        try {
            StableHash.of(key);
        } catch (StableHash.UnroutableKeyException e) {
            throw new IllegalStateException("the key function returned " + e.what() + ", which "
                    + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
        return key;
    }

    private void emit(Collector<Object> out, Object value) {
        counters.out.add(1);
        out.collect(value);
    }
}
