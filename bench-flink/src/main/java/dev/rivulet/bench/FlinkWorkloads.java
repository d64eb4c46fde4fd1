package dev.rivulet.bench;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The benchmark's workloads as Flink DataStream jobs (streaming mode, a local mini-cluster in
 * this JVM, {@code parallelism} task slots), reading the same prepared arrays as Rivulet and
 * the limits (a generator source indexes into them) and producing the same checksums. The timed
 * part is the whole {@code execute()}, cluster start included, as a user's job pays it.
 */
final class FlinkWorkloads {
    // The prepared input, shared with the mini-cluster's tasks (same JVM).
    private static volatile String[] lines;
    private static volatile Data.Event[] events;
    private static volatile int[] ints;
    private static final LongAdder CHECKSUM = new LongAdder();
    private static final LongAdder COUNT = new LongAdder();

    private FlinkWorkloads() {
    }

    private static StreamExecutionEnvironment env(int parallelism) {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        return env;
    }

    /** W1: flatMap split, keyBy word, a count per word in keyed state emitted at the end of input. */
    static long wordCount(String[] input, int parallelism) throws Exception {
        lines = input;
        CHECKSUM.reset();
        StreamExecutionEnvironment env = env(parallelism);
        env.fromSource(new DataGeneratorSource<>(i -> lines[(int) (long) i], input.length, Types.STRING),
                        WatermarkStrategy.noWatermarks(), "lines")
                .flatMap((String line, Collector<String> out) -> {
                    for (String word : line.split(" ")) {
                        out.collect(word);
                    }
                }).returns(Types.STRING)
                .keyBy(word -> word)
                .process(new CountFinal()).returns(Types.TUPLE(Types.STRING, Types.LONG))
                .sinkTo(new ChecksumSink<Tuple2<String, Long>>(t -> t.f0.hashCode() * 31L + t.f1 * 1_000_003L));
        env.execute("w1-word-count");
        return CHECKSUM.sum();
    }

    /** Counts a key's words; emits the count when the end of input's final watermark arrives. */
    static final class CountFinal extends KeyedProcessFunction<String, String, Tuple2<String, Long>> {
        private transient ValueState<Long> count;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(String word, Context ctx, Collector<Tuple2<String, Long>> out) throws Exception {
            Long n = count.value();
            if (n == null) {
                ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE - 1);
                n = 0L;
            }
            count.update(n + 1);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<String, Long>> out) throws Exception {
            out.collect(Tuple2.of(ctx.getCurrentKey(), count.value()));
        }
    }

    /**
     * W2: bounded-out-of-orderness watermarks of 50 ms per source split, keyBy key, 1-second
     * tumbling event-time windows summing the values; (key, window, sum) into the checksum.
     * With parallelism 2, {@code input} is the two key-parity partitions one after the other, so
     * each reader reads one partition, as Rivulet's two workers do.
     */
    static long windowSum(Data.Event[] input, int parallelism) throws Exception {
        events = input;
        CHECKSUM.reset();
        StreamExecutionEnvironment env = env(parallelism);
        env.fromSource(new DataGeneratorSource<>(i -> events[(int) (long) i], input.length,
                                TypeInformation.of(Data.Event.class)),
                        WatermarkStrategy.<Data.Event>forBoundedOutOfOrderness(Duration.ofMillis(50))
                                .withTimestampAssigner((e, ts) -> e.time()), "events")
                .keyBy(Data.Event::key)
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .aggregate(new Sum(), new WithWindow()).returns(Types.LONG)
                .sinkTo(new ChecksumSink<Long>(mixed -> mixed));
        env.execute("w2-window-sum");
        return CHECKSUM.sum();
    }

    static final class Sum implements AggregateFunction<Data.Event, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Data.Event e, Long sum) {
            return sum + e.value();
        }

        @Override
        public Long getResult(Long sum) {
            return sum;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** The window's (key, index, sum), already mixed into its checksum term. */
    static final class WithWindow extends ProcessWindowFunction<Long, Long, Integer, TimeWindow> {
        @Override
        public void process(Integer key, Context context, Iterable<Long> sums, Collector<Long> out) {
            long window = Math.floorDiv(context.window().getStart() - WindowSum.BASE, 1000);
            out.collect(WindowSum.mix(key, window, sums.iterator().next()));
        }
    }

    /** W3: map(x*2) → filter(x%3 != 0) → map(x+1) → a sink that counts and sums. */
    static long chain(int[] input, int parallelism) throws Exception {
        ints = input;
        CHECKSUM.reset();
        COUNT.reset();
        StreamExecutionEnvironment env = env(parallelism);
        env.fromSource(new DataGeneratorSource<>(i -> ints[(int) (long) i], input.length, Types.INT),
                        WatermarkStrategy.noWatermarks(), "ints")
                .map(x -> x * 2).returns(Types.INT)
                .filter(x -> x % 3 != 0)
                .map(x -> x + 1).returns(Types.INT)
                .sinkTo(new ChecksumSink<Integer>(x -> x) {
                    @Override
                    void counted(long n) {
                        COUNT.add(n);
                    }
                });
        env.execute("w3-chain");
        return COUNT.sum() * 31 + CHECKSUM.sum();
    }

    /** What one item adds to the checksum. */
    interface Term<T> extends java.io.Serializable {
        long of(T item);
    }

    /** Adds each item's term to the checksum (per writer, then once into the shared adder). */
    static class ChecksumSink<T> implements Sink<T> {
        private final Term<T> term;

        ChecksumSink(Term<T> term) {
            this.term = term;
        }

        void counted(long n) {
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                private long sum;
                private long count;

                @Override
                public void write(T element, Context context) {
                    sum += term.of(element);
                    count++;
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                    CHECKSUM.add(sum);
                    counted(count);
                }
            };
        }
    }
}
