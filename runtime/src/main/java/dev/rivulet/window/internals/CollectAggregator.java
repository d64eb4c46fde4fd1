package dev.rivulet.window.internals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code collectWindow}: the window's values as a list sorted by item time (ties: arrival order). */
public final class CollectAggregator implements Aggregator {
    private static final long serialVersionUID = 1L;

    @Override
    @SuppressWarnings("unchecked")
    public Object add(Object acc, Object value, long time) {
        List<Timed> values = acc == null ? new ArrayList<>() : (List<Timed>) acc;
        values.add(new Timed(time, value));
        return values;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object merge(Object earlier, Object later) {
        ((List<Timed>) earlier).addAll((List<Timed>) later);
        return earlier;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object result(Object acc) {
        List<Timed> values = (List<Timed>) acc;
        values.sort(Comparator.comparingLong(Timed::time));
        List<Object> result = new ArrayList<>(values.size());
        for (Timed timed : values) {
            result.add(timed.value());
        }
        return result;
    }
}
