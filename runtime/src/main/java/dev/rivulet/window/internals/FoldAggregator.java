package dev.rivulet.window.internals;

import dev.rivulet.fn.FoldFn;
import dev.rivulet.fn.LongFoldFn;
import dev.rivulet.fn.ReduceFn;
import dev.rivulet.fn.StateBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code foldWindow}: each window starts from {@code builder.build()} and folds its values in.
 *
 * <p>Session windows can merge, which needs a way to combine two accumulators. With a
 * {@code merger} the fold is eager and merged sessions are combined with it. Without one, a
 * session's values are buffered and folded in item-time order when it closes, so merges never
 * lose data whatever the folder does.
 *
 * <p>A {@link LongFoldFn} folder that folds eagerly keeps its accumulator in a {@link LongCell}
 * updated in place: no boxed {@code Long} per item. The emitted value is still a {@code Long}.
 */
public final class FoldAggregator implements Aggregator {
    private static final long serialVersionUID = 1L;

    private final StateBuilder<Object> builder;
    private final FoldFn<Object, Object> folder;
    private final ReduceFn<Object> merger;
    private final boolean buffered;
    /** The folder as a primitive fold, when it is one and the fold is eager; else null. */
    private final LongFoldFn<Object> longFolder;

    @SuppressWarnings("unchecked")
    public FoldAggregator(StateBuilder<?> builder, FoldFn<?, ?> folder, ReduceFn<?> merger, boolean mayMerge) {
        this.builder = (StateBuilder<Object>) builder;
        this.folder = (FoldFn<Object, Object>) folder;
        this.merger = (ReduceFn<Object>) merger;
        this.buffered = mayMerge && merger == null;
        this.longFolder = !buffered && folder instanceof LongFoldFn<?> primitive ? (LongFoldFn<Object>) primitive : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object add(Object acc, Object value, long time) throws Exception {
        if (buffered) {
            List<Timed> values = acc == null ? new ArrayList<>() : (List<Timed>) acc;
            values.add(new Timed(time, value));
            return values;
        }
        if (longFolder != null) {
            // A boxed accumulator comes from a snapshot of the same flow written with a boxed folder.
            LongCell cell = acc instanceof LongCell c ? c : new LongCell(acc == null ? initialLong() : (Long) acc);
            cell.value = longFolder.applyAsLong(cell.value, value);
            return cell;
        }
        return folder.apply(acc == null ? initial() : acc, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object merge(Object earlier, Object later) throws Exception {
        if (buffered) {
            ((List<Timed>) earlier).addAll((List<Timed>) later);
            return earlier;
        }
        if (merger == null) {
            throw new IllegalStateException("foldWindow cannot merge two windows without a merger");
        }
        if (longFolder != null) {
            LongCell into = (LongCell) earlier;
            into.value = (Long) merger.apply(into.value, ((LongCell) later).value);
            return into;
        }
        return merger.apply(earlier, later);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object result(Object acc) throws Exception {
        if (!buffered) {
            return acc instanceof LongCell cell ? (Object) cell.value : acc;
        }
        List<Timed> values = (List<Timed>) acc;
        values.sort(Comparator.comparingLong(Timed::time)); // stable: ties keep arrival order
        Object folded = initial();
        for (Timed timed : values) {
            folded = folder.apply(folded, timed.value());
        }
        return folded;
    }

    @Override
    public Object recycle(Object acc) throws Exception {
        if (longFolder != null && acc instanceof LongCell cell) {
            cell.value = initialLong();
            return cell;
        }
        return null;
    }

    private long initialLong() throws Exception {
        Object initial = initial();
        if (!(initial instanceof Long value)) {
            throw new IllegalStateException("the builder of a long foldWindow returned "
                    + initial.getClass().getName() + "; return a long");
        }
        return value;
    }

    private Object initial() throws Exception {
        Object initial = builder.build();
        if (initial == null) {
            throw new IllegalStateException("the builder of foldWindow returned null; return an initial "
                    + "accumulator such as 0 or a new list");
        }
        return initial;
    }
}
