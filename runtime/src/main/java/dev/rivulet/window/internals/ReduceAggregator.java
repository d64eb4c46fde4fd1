package dev.rivulet.window.internals;

import dev.rivulet.fn.ReduceFn;

/** {@code reduceWindow}: the first value is the accumulator; later ones are reduced into it. */
public final class ReduceAggregator implements Aggregator {
    private static final long serialVersionUID = 1L;

    private final ReduceFn<Object> reducer;

    @SuppressWarnings("unchecked")
    public ReduceAggregator(ReduceFn<?> reducer) {
        this.reducer = (ReduceFn<Object>) reducer;
    }

    @Override
    public Object add(Object acc, Object value, long time) throws Exception {
        return acc == null ? value : checked(reducer.apply(acc, value));
    }

    @Override
    public Object merge(Object earlier, Object later) throws Exception {
        return checked(reducer.apply(earlier, later));
    }

    @Override
    public Object result(Object acc) {
        return acc;
    }

    private static Object checked(Object reduced) {
        if (reduced == null) {
            throw new IllegalStateException("the reducer of reduceWindow returned null; return the combined value");
        }
        return reduced;
    }
}
