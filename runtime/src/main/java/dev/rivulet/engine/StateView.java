package dev.rivulet.engine;

import dev.rivulet.KV;
import java.util.List;

/**
 * One worker's "so far" view of a step's per-key state, for progress displays: how many keys it
 * holds and a few of them with their current values (see {@link Operator#stateSoFar}).
 */
public record StateView(long keys, List<KV<Object, Object>> rows) {
}
