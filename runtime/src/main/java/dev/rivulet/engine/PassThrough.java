package dev.rivulet.engine;

/**
 * The operator that emits every item it receives, from any input, unchanged: {@code merge}, and
 * the vertex of a {@link StatelessStep} that could not be fused (whose stage the engine puts first
 * on the vertex's output). Holds no state, so one instance serves every worker.
 */
public final class PassThrough extends Operator {
    public static final PassThrough INSTANCE = new PassThrough();

    private PassThrough() {
    }

    @Override
    public boolean keepsSource() {
        return true;
    }

    @Override
    public void onBatch(int input, Batch batch, Outputs out) {
        emitAll(batch, out);
    }

    /** Emits every item of {@code batch} on port 0, keeping a keyed batch's keys and values apart. */
    public static void emitAll(Batch batch, Outputs out) {
        Object[] items = batch.items;
        Object[] keys = batch.keys;
        if (keys == null) {
            for (int i = 0; i < batch.size; i++) {
                out.emit(items[i]);
            }
        } else {
            for (int i = 0; i < batch.size; i++) {
                out.emitKeyed(keys[i], items[i]);
            }
        }
    }
}
