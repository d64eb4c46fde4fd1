package dev.rivulet.engine.steps;

import dev.rivulet.engine.InputOperator;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.OperatorContext;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.PartitionClock;
import dev.rivulet.engine.PartitionOwners;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.io.DynamicSource;
import dev.rivulet.io.DynamicSourcePartition;
import dev.rivulet.io.PartitionedSource;
import dev.rivulet.io.Source;
import dev.rivulet.io.SourcePartition;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code input}: reads a {@link Source}. A partitioned source's partitions are dealt out over the
 * workers; each worker reads its own, snapshots the positions of those that produced items when
 * an epoch closes, and closes each at its end.
 */
public final class InputStep extends Step {
    private static final Logger LOG = LoggerFactory.getLogger(InputStep.class);

    private final Source<?> source;

    public InputStep(String stepId, Source<?> source) {
        super(stepId, List.of());
        this.source = source;
    }

    public Source<?> source() {
        return source;
    }

    @Override
    public String operator() {
        return "input";
    }

    @Override
    public Operator createOperator(WorkerInfo worker) {
        return new Reader(worker);
    }

    /** One open partition: a {@link SourcePartition} or the worker's dynamic reader. */
    private static final class Part {
        final String key;
        final SourcePartition<Object, Object> partitioned;
        final DynamicSourcePartition<Object> dynamic;
        final PartitionClock clock = new PartitionClock(System.nanoTime());
        boolean emittedThisEpoch;
        boolean exhausted;
        boolean closed;
        /** The partition's size, or -1 when unknown; what of it was last added to the stats. */
        long size = -1;
        long reported;

        Part(String key, SourcePartition<Object, Object> partitioned,
                DynamicSourcePartition<Object> dynamic) {
            this.key = key;
            this.partitioned = partitioned;
            this.dynamic = dynamic;
        }

        boolean next(List<Object> out, int max) throws Exception {
            return partitioned != null ? partitioned.nextBatch(out, max) : dynamic.nextBatch(out, max);
        }

        long estimatedSize() {
            return partitioned != null ? partitioned.estimatedSize() : dynamic.estimatedSize();
        }

        long consumed() {
            return partitioned != null ? partitioned.consumed() : dynamic.consumed();
        }

        void close() throws Exception {
            if (!closed) {
                closed = true;
                if (partitioned != null) {
                    partitioned.close();
                } else {
                    dynamic.close();
                }
            }
        }
    }

    /**
     * A partition's recovery state when it feeds windows with a data-driven watermark: the
     * source's position and, per window step, the largest event time the partition had produced.
     */
    public record PartitionPosition(Object position, Map<String, Long> maxEventTimes) implements java.io.Serializable {
    }

    /**
     * The list a source's {@code nextBatch} adds to: each item goes straight into the operator's
     * outputs (and through the stateless steps fused there), with no copy in between. Counts what
     * was added; items cannot be read back.
     */
    private static final class EmittingList extends AbstractList<Object> {
        private Outputs out;
        private int size;

        void start(Outputs out) {
            this.out = out;
            this.size = 0;
        }

        @Override
        public boolean add(Object item) {
            out.emit(item);
            size++;
            return true;
        }

        @Override
        public Object get(int index) {
            throw new UnsupportedOperationException("items added to a source's batch go downstream at once"
                    + " and cannot be read back");
        }

        @Override
        public int size() {
            return size;
        }
    }

    private final class Reader extends InputOperator {
        private final WorkerInfo worker;
        private final List<Part> parts = new ArrayList<>();
        private final EmittingList emitting = new EmittingList();
        private OperatorContext context;
        private boolean testingEpochs;
        private long intervalNanos;
        private long epochStartNanos = -1;
        private int batchSize = 1024;
        private boolean balance;
        private boolean keepTogether;

        Reader(WorkerInfo worker) {
            this.worker = worker;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void open(OperatorContext context) throws Exception {
            this.context = context;
            this.testingEpochs = context.epochConfig().isTesting();
            this.intervalNanos = context.epochConfig().interval().toNanos();
            try {
                if (source instanceof PartitionedSource<?, ?> partitionedSource) {
                    PartitionedSource<Object, Object> ps = (PartitionedSource<Object, Object>) partitionedSource;
                    List<String> all = ps.listParts();
                    if (all == null) {
                        throw new IllegalStateException("listParts() returned null");
                    }
                    PartitionOwners owners = new PartitionOwners(all, worker.count(), stepId());
                    Map<Object, Object> resume = context.resumeState(
                            key -> owners.ownerOf(String.valueOf(key)) == worker.index());
                    Set<Object> unknown = new HashSet<>(resume.keySet());
                    for (String key : owners.ownedBy(worker.index())) {
                        unknown.remove(key);
                        Object resumed = resume.get(key);
                        Map<String, Long> maxima = Map.of();
                        if (resumed instanceof PartitionPosition position) {
                            resumed = position.position();
                            maxima = position.maxEventTimes();
                        }
                        SourcePartition<Object, Object> partition = ps.buildPart(key, resumed);
                        if (partition != null) {
                            Part part = new Part(key, partition, null);
                            part.clock.restore(maxima);
                            parts.add(part);
                        }
                    }
                    if (!unknown.isEmpty()) {
                        LOG.warn("step '{}': resume state exists for unknown partitions {}; "
                                + "did the partitions of the source change?", stepId(), unknown);
                    }
                    balance = worker.count() > 1 && owners.all().size() < worker.count() && !keepTogether;
                } else {
                    DynamicSource<Object> ds = (DynamicSource<Object>) source;
                    DynamicSourcePartition<Object> reader = ds.build(worker.index(), worker.count());
                    if (reader != null) {
                        parts.add(new Part("worker-" + worker.index(), null, reader));
                    }
                }
            } catch (Throwable t) {
                throw StepFailure.during(InputStep.this, "opening the source", t);
            }
            for (Part part : parts) {
                try {
                    part.size = part.estimatedSize();
                } catch (Throwable t) {
                    part.size = -1; // progress is a nicety: a source that cannot tell is "unknown"
                }
                context.stats().addPartition(part.size);
            }
            reportProgress(false);
        }

        /**
         * Adds what each sized partition has read since the last report to the step's
         * statistics; an exhausted partition counts as fully read.
         */
        private void reportProgress(boolean finished) {
            for (Part part : parts) {
                if (part.size < 0) {
                    continue;
                }
                long now;
                if (finished || part.exhausted) {
                    now = part.size;
                } else {
                    try {
                        now = Math.min(part.size, Math.max(0, part.consumed()));
                    } catch (Throwable t) {
                        continue;
                    }
                }
                if (now != part.reported) {
                    context.stats().addConsumed(now - part.reported);
                    part.reported = now;
                }
            }
        }

        @Override
        public boolean balance() {
            return balance;
        }

        @Override
        public void keepPartitionsTogether() {
            keepTogether = true;
        }

        @Override
        public List<PartitionClock> partitionClocks(int firstTag) {
            List<PartitionClock> clocks = new ArrayList<>();
            for (Part part : parts) {
                part.clock.tag(firstTag + clocks.size());
                clocks.add(part.clock);
            }
            return clocks;
        }

        @Override
        public long epochDeadlineNanos() {
            return epochStartNanos < 0 ? Long.MAX_VALUE : epochStartNanos + intervalNanos;
        }

        @Override
        public Poll poll(long nowNanos, Outputs out) throws Exception {
            if (parts.isEmpty()) {
                return Poll.FINISHED;
            }
            if (epochStartNanos < 0) {
                epochStartNanos = nowNanos;
            }
            int max = testingEpochs ? 1 : batchSize;
            boolean emitted = false;
            boolean anyOpen = false;
            for (Part part : parts) {
                if (part.exhausted) {
                    continue;
                }
                boolean more;
                out.source(part.clock.tag());
                emitting.start(out);
                try {
                    more = part.next(emitting, max);
                } catch (StepFailure failure) {
                    throw failure;
                } catch (Throwable t) {
                    throw StepFailure.during(InputStep.this,
                            "reading the next items of partition '" + part.key + "'", t);
                }
                int n = emitting.size();
                if (n > 0) {
                    part.emittedThisEpoch = true;
                    emitted = true;
                    context.stats().addOut(n);
                    part.clock.produced(nowNanos);
                }
                if (!more) {
                    part.exhausted = true;
                    part.clock.ended(out.epoch());
                } else {
                    anyOpen = true;
                }
            }
            if (!anyOpen) {
                reportProgress(true);
                return Poll.FINISHED;
            }
            if (emitted) {
                reportProgress(false); // with the items' count, so "items read" and the percent agree
            }
            if (testingEpochs || nowNanos - epochStartNanos >= intervalNanos) {
                return Poll.CLOSE_EPOCH;
            }
            return emitted ? Poll.EMITTED : Poll.IDLE;
        }

        @Override
        public void onEpochClose(long epoch, Outputs out) throws Exception {
            epochStartNanos = -1;
            for (Part part : parts) {
                if (part.partitioned != null && (part.emittedThisEpoch || part.exhausted)
                        && !part.closed) {
                    try {
                        Object position = part.partitioned.snapshot();
                        Map<String, Long> maxima = part.clock.maxima();
                        context.snapshot(part.key, epoch,
                                maxima.isEmpty() ? position : new PartitionPosition(position, maxima));
                    } catch (Throwable t) {
                        throw StepFailure.during(InputStep.this,
                                "snapshotting partition '" + part.key + "'", t);
                    }
                }
                part.emittedThisEpoch = false;
                if (part.exhausted) {
                    closePart(part);
                }
            }
        }

        @Override
        public void close() throws Exception {
            for (Part part : parts) {
                closePart(part);
            }
        }

        private void closePart(Part part) {
            try {
                part.close();
            } catch (Throwable t) {
                throw StepFailure.during(InputStep.this, "closing partition '" + part.key + "'", t);
            }
        }
    }
}
