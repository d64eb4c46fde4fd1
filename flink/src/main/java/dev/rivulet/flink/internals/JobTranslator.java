package dev.rivulet.flink.internals;

import dev.rivulet.Dataflow;
import dev.rivulet.FlowDefinitionException;
import dev.rivulet.flow.FlowStep;
import dev.rivulet.flow.Operation;
import dev.rivulet.flow.StreamRef;
import dev.rivulet.io.PartitionedSink;
import dev.rivulet.window.WindowClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * Translates a flow's description into a Flink DataStream job, one step at a time in the flow's
 * order (every input of a step comes before it). Every Flink operator gets the step id as name
 * and uid, so savepoints map to steps. Translation happens before anything is submitted: what
 * cannot be translated fails there, naming the step.
 */
public final class JobTranslator {
    private static final TypeInformation<RoutingKey> KEY_TYPE = TypeInformation.of(RoutingKey.class);

    private JobTranslator() {
    }

    /** What the client needs from a translated job: the capture streams, by step id. */
    public record Translation(Map<String, DataStream<Object>> captures) {
    }

    public static Translation translate(Dataflow flow, StreamExecutionEnvironment env, int batchSize) {
        Map<StreamRef, DataStream<Object>> streams = new HashMap<>();
        Map<String, DataStream<Object>> captures = new LinkedHashMap<>();
        List<FlowStep> steps = flow.steps();
        for (int i = 0; i < steps.size(); i++) {
            FlowStep step = steps.get(i);
            String id = step.stepId();
            Operation op = step.operation();
            List<DataStream<Object>> inputs = new ArrayList<>();
            for (StreamRef ref : step.inputs()) {
                inputs.add(streams.get(ref));
            }
            DataStream<Object> in = inputs.isEmpty() ? null : inputs.get(0);
            DataStream<Object> main;
            DataStream<Object> second = null;
            if (op instanceof Operation.Input o) {
                main = env.fromSource(new RivuletSource(id, o.source(), batchSize), WatermarkStrategy.noWatermarks(),
                        id, Items.TYPE).uid(id)
                        .flatMap(new StatelessFunction(id, op), Items.TYPE).name(id + "/count").uid(id + "/count");
            } else if (op instanceof Operation.Map || op instanceof Operation.FlatMap
                    || op instanceof Operation.Filter || op instanceof Operation.FilterMap
                    || op instanceof Operation.Inspect || op instanceof Operation.KeyBy) {
                main = in.flatMap(new StatelessFunction(id, op), Items.TYPE).name(id).uid(id);
            } else if (op instanceof Operation.Combine o) {
                main = in.transform(id, Items.TYPE, new CombineOperator(id, o)).uid(id);
            } else if (op instanceof Operation.InspectEpoch) {
                main = in.flatMap(new EpochFunction(id, op), Items.TYPE).name(id).uid(id);
            } else if (op instanceof Operation.Capture) {
                captures.put(id, in.flatMap(new EpochFunction(id, op), Items.TYPE).name(id).uid(id));
                main = in;
            } else if (op instanceof Operation.Merge) {
                main = in;
                if (inputs.size() > 1) {
                    @SuppressWarnings("unchecked")
                    DataStream<Object>[] rest = inputs.subList(1, inputs.size()).toArray(new DataStream[0]);
                    main = in.union(rest);
                }
            } else if (op instanceof Operation.Branch o) {
                OutputTag<Object> rejected = new OutputTag<>(id + "/rejected", Items.TYPE);
                SingleOutputStreamOperator<Object> branched = in.process(new BranchFunction(id, o.predicate(),
                        rejected), Items.TYPE).name(id).uid(id);
                main = branched;
                second = branched.getSideOutput(rejected);
            } else if (op instanceof Operation.Output o) {
                DataStream<Object> routed = in;
                if (o.sink() instanceof PartitionedSink<?, ?> partitioned) {
                    SinkPartitioner partitioner = new SinkPartitioner(id, partitioned);
                    routed = in.partitionCustom(partitioner, partitioner);
                }
                routed.sinkTo(new RivuletSink(id, o.sink(), batchSize)).name(id).uid(id);
                main = in;
            } else if (op instanceof Operation.Keyed keyed) {
                SingleOutputStreamOperator<Object> processed;
                OutputTag<Object> late = new OutputTag<>(id + "/late", Items.TYPE);
                if (keyed instanceof Operation.Window w && w.clock() instanceof WindowClock.Watermark<?> clock) {
                    DataStream<Object> stamped = in.transform(id + "/stamp", Items.TYPE,
                            new WatermarkStamper(id, step.operator(), clock, upstream(steps, step))).uid(id + "/stamp");
                    processed = keyed(stamped, id, step).process(new WatermarkWindowFunction(id, w, late),
                            Items.TYPE);
                } else if (keyed instanceof Operation.Window w) {
                    processed = keyed(in, id, step).process(new ClockWindowFunction(id, w, late), Items.TYPE);
                } else if (keyed instanceof Operation.Reduce o) {
                    processed = keyed(in, id, step).process(new ReduceFunction(id, o.reducer(), o.isComplete()),
                            Items.TYPE);
                } else if (keyed instanceof Operation.ReduceFinal o) {
                    processed = keyed(in, id, step).process(new ReduceFinalFunction(id, o.reducer()), Items.TYPE);
                } else if (keyed instanceof Operation.StatefulMap o) {
                    processed = keyed(in, id, step).process(new StatefulMapFunction(id, o.builder(), o.mapper()),
                            Items.TYPE);
                } else {
                    throw untranslatable(step);
                }
                main = processed.name(id).uid(id);
                if (keyed instanceof Operation.Window) {
                    second = processed.getSideOutput(late);
                }
            } else {
                throw untranslatable(step);
            }
            streams.put(new StreamRef(i, 0), main);
            if (second != null) {
                streams.put(new StreamRef(i, 1), second);
            }
        }
        return new Translation(captures);
    }

    /**
     * The inputs and stateful steps whose partitions feed {@code window} through stateless
     * steps (the partitions its watermark is the minimum over).
     */
    static List<PartitionTags.Upstream> upstream(List<FlowStep> steps, FlowStep window) {
        List<PartitionTags.Upstream> found = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        window.inputs().forEach(ref -> todo.add(ref.step()));
        while (!todo.isEmpty()) {
            int index = todo.poll();
            if (!seen.add(index)) {
                continue;
            }
            FlowStep step = steps.get(index);
            Operation op = step.operation();
            if (op instanceof Operation.Input input) {
                found.add(new PartitionTags.Upstream(step.stepId(), input.source()));
            } else if (op instanceof Operation.Keyed || op instanceof Operation.Combine) {
                found.add(new PartitionTags.Upstream(step.stepId(), null));
            } else {
                step.inputs().forEach(ref -> todo.add(ref.step()));
            }
        }
        return found;
    }

    private static KeyedStream<Object, RoutingKey> keyed(DataStream<Object> in, String id, FlowStep step) {
        return in.keyBy(new RoutingKeySelector(id, step.operator()), KEY_TYPE);
    }

    private static FlowDefinitionException untranslatable(FlowStep step) {
        return new FlowDefinitionException("step '" + step.stepId() + "' (" + step.operator()
                + "): the Flink runner cannot translate this operation; run this flow on the native engine");
    }
}
