package dev.rivulet.engine;

import java.util.Arrays;

/**
 * An edge that sends each item to the worker its {@link Router} names (or, for balancing, whole
 * batches to each worker in turn). Items for this worker go straight into the target vertex;
 * items for others are buffered per destination and handed to the {@link Transport}.
 *
 * <pre>
 *   upstream ──data──▶ route(item) ─┬─ self ──────────────▶ target.onData
 *                                   └─ worker d ─ buffer[d] ─▶ transport.send(d)
 *   upstream ──frontier──▶ flush all buffers, then frontier to every worker
 * </pre>
 *
 * <p>Per destination, messages keep their order (the transport is FIFO per sender), so a
 * frontier message always follows the data it covers.
 */
final class ExchangeEdge implements Edge {
    /** A router that keeps every batch on this worker (an input that needs no balancing). */
    static final Router SELF = item -> {
        throw new IllegalStateException("SELF is a marker");
    };

    private final int edgeId;
    private final Router router;
    private final Vertex target;
    private final int input;
    private final int self;
    private final int workers;
    private final Transport transport;
    private final int batchSize;
    private final Object[][] buffers;
    /** Per destination, the keys of a keyed batch being collected (parallel to buffers), or null. */
    private final Object[][] keyBuffers;
    private final int[] sizes;
    private final long[] epochs;
    private final String stepId;
    private int nextBalanced;
    /** Into a window step with a data-driven watermark: stamps items and reports watermarks. */
    private final WatermarkSender watermarks;
    private final long[][] timeBuffers;
    private final long[][] markBuffers;
    /** Time and mark arrays free for the next local batch into the watermark step, or null. */
    private long[] spareTimes;
    private long[] spareMarks;

    /** @param router null to balance whole batches round-robin */
    ExchangeEdge(int edgeId, Router router, Vertex target, int input, int self, int workers,
            Transport transport, int batchSize) {
        this(edgeId, router, target, input, self, workers, transport, batchSize, null);
    }

    ExchangeEdge(int edgeId, Router router, Vertex target, int input, int self, int workers,
            Transport transport, int batchSize, WatermarkSender watermarks) {
        this.edgeId = edgeId;
        this.router = router;
        this.target = target;
        this.input = input;
        this.self = self;
        this.workers = workers;
        this.transport = transport;
        this.batchSize = batchSize;
        this.buffers = new Object[workers][];
        this.keyBuffers = new Object[workers][];
        this.sizes = new int[workers];
        this.epochs = new long[workers];
        this.stepId = target.stepId();
        this.nextBalanced = (self + 1) % workers;
        this.watermarks = watermarks;
        this.timeBuffers = watermarks == null ? null : new long[workers][];
        this.markBuffers = watermarks == null ? null : new long[workers][];
    }

    WatermarkSender watermarks() {
        return watermarks;
    }

    int input() {
        return input;
    }

    Vertex target() {
        return target;
    }

    @Override
    public void data(Batch batch) {
        if (router == SELF) {
            target.onData(input, batch);
            return;
        }
        if (router == null) {
            int destination = nextBalanced;
            nextBalanced = (nextBalanced + 1) % workers;
            if (destination == self) {
                target.onData(input, batch);
            } else {
                // A partition tag only means something on the worker that read the partition.
                Batch moved = batch.source == Batch.MIXED ? batch
                        : new Batch(batch.epoch, batch.keys, batch.items, batch.size, Batch.MIXED, null, null);
                transport.send(destination, Message.data(edgeId, self, moved));
            }
            return;
        }
        if (watermarks != null) {
            stamped(batch);
            return;
        }
        Object[] keys = batch.keys;
        if (keys != null && workers == 1) {
            // keyBy checked these keys routable; on one worker they all stay here.
            target.onData(input, batch.source == Batch.MIXED ? batch
                    : new Batch(batch.epoch, keys, batch.items, batch.size, Batch.MIXED, null, null));
            return;
        }
        // While every item so far stays here (always, on one worker), the batch's own arrays are
        // the local batch's: items are never mutated.
        Object[] local = batch.items;
        Object[] localKeys = keys;
        boolean shared = true;
        int localSize = 0;
        for (int i = 0; i < batch.size; i++) {
            Object item = batch.items[i];
            Object key = keys == null ? null : keys[i];
            int destination = keys == null ? destination(item) : destination(key, item);
            if (destination == self) {
                if (shared && localSize != i) {
                    local = Arrays.copyOf(batch.items, batch.size);
                    localKeys = keys == null ? null : Arrays.copyOf(keys, batch.size);
                    shared = false;
                }
                if (!shared) {
                    local[localSize] = item;
                    if (keys != null) {
                        localKeys[localSize] = key;
                    }
                }
                localSize++;
            } else {
                append(destination, batch.epoch, keys != null, key, item);
            }
        }
        if (localSize > 0) {
            target.onData(input, new Batch(batch.epoch, localKeys, local, localSize, Batch.MIXED, null, null));
        }
    }

    private int destination(Object item) {
        try {
            return router.route(item);
        } catch (StepFailure e) {
            throw e;
        } catch (Throwable t) {
            throw StepFailure.onItem(stepId, target.operatorName(), item, t);
        }
    }

    /** {@link #destination(Object)} of the item {@code KV(key, value)} of a keyed batch. */
    private int destination(Object key, Object value) {
        try {
            return router.routeKeyed(key, value);
        } catch (StepFailure e) {
            throw e;
        } catch (Throwable t) {
            throw StepFailure.onItem(stepId, target.operatorName(), new dev.rivulet.KV<>(key, value), t);
        }
    }

    /** {@link #data} into a watermark step: every item also gets its event time and mark. */
    private void stamped(Batch batch) {
        int slot = watermarks.slotOf(batch.source);
        Object[] keys = batch.keys;
        boolean keyed = keys != null;
        // As in data(): the batch's own arrays while every item so far stays here.
        Object[] local = batch.items;
        Object[] localKeys = keys;
        boolean shared = true;
        // The window step does not keep a batch's arrays, so those of the last local batch are
        // reused unless the target had to keep that batch for a later epoch.
        long[] localTimes = spareTimes != null && spareTimes.length >= batch.size ? spareTimes : new long[batch.size];
        long[] localMarks = spareMarks != null && spareMarks.length >= batch.size ? spareMarks : new long[batch.size];
        spareTimes = null;
        spareMarks = null;
        int localSize = 0;
        long newest = watermarks.newest(slot);
        // One worker: a keyed batch's keys were checked routable by keyBy, so they stay here
        // without asking the router (items as KVs are still checked).
        boolean routed = !keyed || workers > 1;
        for (int i = 0; i < batch.size; i++) {
            Object item = batch.items[i];
            Object key = keyed ? keys[i] : null;
            long time = keyed ? watermarks.time(key, item) : watermarks.time(item);
            long mark = watermarks.watermarkOf(newest);
            if (time > newest) {
                newest = time;
            }
            int destination = !routed ? self : keyed ? destination(key, item) : destination(item);
            if (destination == self) {
                if (shared && localSize != i) {
                    local = Arrays.copyOf(batch.items, batch.size);
                    localKeys = keyed ? Arrays.copyOf(keys, batch.size) : null;
                    shared = false;
                }
                if (!shared) {
                    local[localSize] = item;
                    if (keyed) {
                        localKeys[localSize] = key;
                    }
                }
                localTimes[localSize] = time;
                localMarks[localSize++] = mark;
            } else {
                // Checked per item only while the buffer is not ready for this batch's epoch and
                // layout: after the first item for a destination it is (until it is sent).
                int n = sizes[destination];
                if (n == 0 || epochs[destination] != batch.epoch || (keyBuffers[destination] != null) != keyed) {
                    n = slotFor(destination, batch.epoch, keyed);
                    if (timeBuffers[destination] == null) {
                        timeBuffers[destination] = new long[batchSize];
                        markBuffers[destination] = new long[batchSize];
                    }
                } else {
                    sizes[destination] = n + 1;
                }
                buffers[destination][n] = item;
                if (keyed) {
                    keyBuffers[destination][n] = key;
                }
                timeBuffers[destination][n] = time;
                markBuffers[destination][n] = mark;
                if (n + 1 == batchSize) {
                    send(destination);
                }
            }
        }
        watermarks.newest(slot, newest);
        boolean kept = localSize > 0 && target.onData(input,
                new Batch(batch.epoch, localKeys, local, localSize, Batch.MIXED, localTimes, localMarks));
        if (!kept) {
            spareTimes = localTimes;
            spareMarks = localMarks;
        }
    }

    /**
     * The index in {@code destination}'s buffer for the next item, which {@link #sizes} already
     * counts: the buffer is sent first if it holds another epoch's items or the other layout
     * (keyed or whole items), and made if there is none.
     */
    private int slotFor(int destination, long epoch, boolean keyed) {
        if (sizes[destination] > 0 && (epochs[destination] != epoch || (keyBuffers[destination] != null) != keyed)) {
            send(destination);
        }
        if (buffers[destination] == null) {
            buffers[destination] = new Object[batchSize];
        }
        if (keyed && keyBuffers[destination] == null) {
            keyBuffers[destination] = new Object[batchSize];
        } else if (!keyed) {
            keyBuffers[destination] = null;
        }
        epochs[destination] = epoch;
        return sizes[destination]++;
    }

    private void append(int destination, long epoch, boolean keyed, Object key, Object item) {
        int n = slotFor(destination, epoch, keyed);
        buffers[destination][n] = item;
        if (keyed) {
            keyBuffers[destination][n] = key;
        }
        if (n + 1 == batchSize) {
            send(destination);
        }
    }

    private void send(int destination) {
        int size = sizes[destination];
        if (size == 0) {
            return;
        }
        Object[] items = buffers[destination];
        Object[] keys = keyBuffers[destination];
        buffers[destination] = null;
        keyBuffers[destination] = null;
        sizes[destination] = 0;
        if (watermarks != null) {
            long[] times = timeBuffers[destination];
            long[] marks = markBuffers[destination];
            timeBuffers[destination] = null;
            markBuffers[destination] = null;
            transport.send(destination, Message.data(edgeId, self, new Batch(epochs[destination],
                    keys, items, size, Batch.MIXED, times, marks)));
            return;
        }
        boolean full = size == items.length;
        transport.send(destination, Message.data(edgeId, self, new Batch(epochs[destination],
                keys == null || full ? keys : Arrays.copyOf(keys, size),
                full ? items : Arrays.copyOf(items, size), size, Batch.MIXED, null, null)));
    }

    @Override
    public void flush() {
        for (int d = 0; d < workers; d++) {
            send(d);
        }
        sendWatermark();
    }

    /** After the data it covers: this worker's watermark to every instance, if it changed. */
    private void sendWatermark() {
        if (watermarks == null) {
            return;
        }
        byte kind = watermarks.update();
        if (kind < 0) {
            return;
        }
        boolean idle = kind == Message.IDLE;
        long watermark = watermarks.watermark();
        for (int d = 0; d < workers; d++) {
            if (d == self) {
                target.onSourceWatermark(input, self, watermark, idle);
            } else {
                transport.send(d, Message.watermark(edgeId, self, watermark, idle));
            }
        }
    }

    @Override
    public void frontier(long frontier) {
        if (watermarks != null) {
            watermarks.frontier(frontier);
        }
        flush();
        for (int d = 0; d < workers; d++) {
            if (d == self) {
                target.onSourceFrontier(input, self, frontier);
            } else {
                transport.send(d, Message.frontier(edgeId, self, frontier));
            }
        }
    }
}
