package dev.rivulet.engine.steps;

import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Operator;
import dev.rivulet.engine.OperatorContext;
import dev.rivulet.engine.Outputs;
import dev.rivulet.engine.PartitionOwners;
import dev.rivulet.engine.PassThrough;
import dev.rivulet.engine.Router;
import dev.rivulet.engine.Step;
import dev.rivulet.engine.StepFailure;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.engine.WorkerInfo;
import dev.rivulet.io.DynamicSink;
import dev.rivulet.io.DynamicSinkPartition;
import dev.rivulet.io.PartitionedSink;
import dev.rivulet.io.Sink;
import dev.rivulet.io.SinkPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code output}: writes every item to a {@link Sink} and passes it on unchanged. Items for a
 * partitioned sink are first sent to the worker owning their partition.
 */
public final class OutputStep extends Step {
    private final Sink<?> sink;

    public OutputStep(String stepId, StreamRef input, Sink<?> sink) {
        super(stepId, List.of(input));
        this.sink = sink;
    }

    @Override
    public String operator() {
        return "output";
    }

    @SuppressWarnings("unchecked")
    private PartitionedSink<Object, Object> partitioned() {
        return (PartitionedSink<Object, Object>) sink;
    }

    private PartitionOwners owners(WorkerInfo worker) {
        try {
            List<String> parts = partitioned().listParts();
            if (parts == null) {
                throw new IllegalStateException("listParts() returned null");
            }
            return new PartitionOwners(parts, worker.count(), stepId());
        } catch (Throwable t) {
            throw StepFailure.during(this, "listing the sink's partitions", t);
        }
    }

    private String assign(Object item, PartitionOwners owners) {
        String part;
        try {
            part = partitioned().assignPart(item);
        } catch (Throwable t) {
            throw StepFailure.onItem(this, item, t);
        }
        if (owners.ownerOf(part) < 0) {
            throw StepFailure.invalid(this, item, "assignPart returned '" + part
                    + "', which is not one of the partitions " + owners.all()
                    + " from listParts()");
        }
        return part;
    }

    @Override
    public Router router(int input, WorkerInfo worker) {
        if (!(sink instanceof PartitionedSink)) {
            return null;
        }
        PartitionOwners owners = owners(worker);
        return item -> owners.ownerOf(assign(item, owners));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Operator createOperator(WorkerInfo worker) {
        if (sink instanceof PartitionedSink) {
            return new PartitionedWriter(worker);
        }
        return new DynamicWriter(worker, (DynamicSink<Object>) sink);
    }

    private final class DynamicWriter extends Operator {
        private final WorkerInfo worker;
        private final DynamicSink<Object> dynamicSink;
        private DynamicSinkPartition<Object> writer;
        private boolean closed;

        DynamicWriter(WorkerInfo worker, DynamicSink<Object> dynamicSink) {
            this.worker = worker;
            this.dynamicSink = dynamicSink;
        }

        @Override
        public void open(OperatorContext context) {
            try {
                writer = dynamicSink.build(worker.index(), worker.count());
            } catch (Throwable t) {
                throw StepFailure.during(OutputStep.this, "opening the sink", t);
            }
            if (writer == null) {
                throw StepFailure.during(OutputStep.this, "opening the sink",
                        new IllegalStateException("build() returned null"));
            }
        }

        @Override
        public void onBatch(int input, Batch batch, Outputs out) {
            List<Object> items = batch.asList();
            try {
                writer.write(items);
            } catch (Throwable t) {
                throw StepFailure.onItem(OutputStep.this,
                        batch.size == 1 ? batch.item(0) : "a batch of " + batch.size
                                + " items starting with " + StepFailure.shorten(batch.item(0)), t);
            }
            PassThrough.emitAll(batch, out);
        }

        @Override
        public void onEof(Outputs out) throws Exception {
            close();
        }

        @Override
        public void close() {
            if (!closed && writer != null) {
                closed = true;
                try {
                    writer.close();
                } catch (Throwable t) {
                    throw StepFailure.during(OutputStep.this, "closing the sink", t);
                }
            }
        }
    }

    private final class PartitionedWriter extends Operator {
        private final WorkerInfo worker;
        private final Map<String, SinkPartition<Object, Object>> open = new LinkedHashMap<>();
        private final Set<String> written = new HashSet<>();
        /** Per partition snapshotted and not yet told so, the epoch of that snapshot. */
        private final Map<String, Long> awaitingCompletion = new LinkedHashMap<>();
        private PartitionOwners owners;
        private OperatorContext context;
        private boolean closed;

        PartitionedWriter(WorkerInfo worker) {
            this.worker = worker;
        }

        @Override
        public void open(OperatorContext context) {
            this.context = context;
            owners = owners(worker);
            Map<Object, Object> resume = context.resumeState(
                    key -> owners.ownerOf(String.valueOf(key)) == worker.index());
            for (String part : owners.ownedBy(worker.index())) {
                try {
                    SinkPartition<Object, Object> partition = partitioned().buildPart(part, resume.get(part));
                    if (partition == null) {
                        throw new IllegalStateException("buildPart('" + part + "') returned null");
                    }
                    open.put(part, partition);
                } catch (Throwable t) {
                    throw StepFailure.during(OutputStep.this, "opening sink partition '" + part + "'", t);
                }
            }
        }

        @Override
        public void onBatch(int input, Batch batch, Outputs out) {
            if (owners.all().size() == 1) {
                String only = owners.all().get(0);
                write(only, batch.asList(), batch);
            } else {
                Map<String, List<Object>> byPart = new HashMap<>();
                for (int i = 0; i < batch.size; i++) {
                    Object item = batch.item(i);
                    byPart.computeIfAbsent(assign(item, owners), p -> new ArrayList<>()).add(item);
                }
                byPart.forEach((part, items) -> write(part, items, batch));
            }
            PassThrough.emitAll(batch, out);
        }

        private void write(String part, List<Object> items, Batch batch) {
            SinkPartition<Object, Object> partition = open.get(part);
            if (partition == null) {
                throw StepFailure.invalid(OutputStep.this, items.get(0), "the item was routed to "
                        + "partition '" + part + "', which worker " + worker.index()
                        + " does not own; is assignPart deterministic in every JVM?");
            }
            if (awaitingCompletion.remove(part) != null) {
                // an item of a later epoch exists only once the cluster completed the earlier one
                complete(part, partition);
            }
            try {
                partition.write(items);
            } catch (Throwable t) {
                throw StepFailure.onItem(OutputStep.this, items.size() == 1 ? items.get(0)
                        : "a batch of " + items.size() + " items for partition '" + part + "'", t);
            }
            written.add(part);
        }

        @Override
        public void onEpochClose(long epoch, Outputs out) {
            for (String part : written) {
                if (awaitingCompletion.remove(part) != null) {
                    // closing a later epoch: the cluster completed the earlier one
                    complete(part, open.get(part));
                }
                try {
                    context.snapshot(part, epoch, open.get(part).snapshot());
                } catch (Throwable t) {
                    throw StepFailure.during(OutputStep.this, "snapshotting sink partition '" + part + "'", t);
                }
                awaitingCompletion.put(part, epoch);
            }
            written.clear();
        }

        @Override
        public void onEpochsCompleted(long clusterFrontier) {
            var it = awaitingCompletion.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Long> entry = it.next();
                if (entry.getValue() < clusterFrontier) {
                    it.remove();
                    complete(entry.getKey(), open.get(entry.getKey()));
                }
            }
        }

        @Override
        public boolean awaitsCompletion() {
            return !awaitingCompletion.isEmpty();
        }

        private void complete(String part, SinkPartition<Object, Object> partition) {
            try {
                partition.epochCompleted();
            } catch (Throwable t) {
                throw StepFailure.during(OutputStep.this, "completing the epoch of sink partition '" + part + "'", t);
            }
        }

        @Override
        public void onEof(Outputs out) {
            // Every partition is snapshotted at the last epoch's close, so a continuation run
            // resumes each file at its end even if this run wrote nothing to it.
            written.addAll(open.keySet());
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            RuntimeException first = null;
            for (Map.Entry<String, SinkPartition<Object, Object>> entry : open.entrySet()) {
                try {
                    entry.getValue().close();
                } catch (Throwable t) {
                    if (first == null) {
                        first = StepFailure.during(OutputStep.this,
                                "closing sink partition '" + entry.getKey() + "'", t);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
