package dev.rivulet;

/**
 * The two streams of a {@link DataStream#branch branch}: the items the predicate accepted and
 * the ones it rejected.
 */
public record Branch<T>(DataStream<T> trues, DataStream<T> falses) {

    /** {@code Branch of step 'even-odd' (branch), step 2 of 4 in flow 'numbers': trues() and falses()}. */
    @Override
    public String toString() {
        String text = trues.toString().replace("DataStream of", "Branch of").replace(", true output", "");
        return text + ": trues() and falses()";
    }
}
