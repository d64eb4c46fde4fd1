package examples;

import dev.rivulet.Dataflow;
import dev.rivulet.kafka.KafkaRecord;
import dev.rivulet.kafka.KafkaSinks;
import dev.rivulet.kafka.KafkaSources;
import java.util.Arrays;

/**
 * A word count from a Kafka topic to a Kafka topic, exactly once through crashes: the lines of
 * topic {@code $IN_TOPIC} (default {@code lines}) as they are when the run starts, one
 * {@code word -> count} record per word in {@code $OUT_TOPIC} (default {@code word-counts}),
 * written in a Kafka transaction committed when the last epoch completes. Brokers:
 * {@code $KAFKA_BOOTSTRAP} (default {@code 127.0.0.1:9092}).
 *
 * <pre>
 * rivulet run examples.KafkaWordCount -w 2 --sqlite-directory state/kafka-wc \
 *     --classpath examples/target/classes:examples/target/lib/*
 * </pre>
 *
 * <p>Kill it ({@code kill -9}) and run the same line again: it resumes from the last completed
 * epoch, and a {@code read_committed} reader of the output topic sees each word's count once.
 */
public final class KafkaWordCount {

    /** The flow, configured from the environment. */
    public static final Dataflow flow = build(env("KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
            env("IN_TOPIC", "lines"), env("OUT_TOPIC", "word-counts"));

    private KafkaWordCount() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The word count of topic {@code in} into topic {@code out}. */
    public static Dataflow build(String bootstrap, String in, String out) {
        Dataflow flow = new Dataflow("kafka-word-count");
        flow.input("lines", KafkaSources.strings(bootstrap, in).toCurrentEnd())
                .map("text", KafkaRecord::value)
                .flatMap("split", line -> Arrays.asList(line.toLowerCase().split("\\W+")))
                .filter("non-empty", word -> !word.isEmpty())
                .countFinal("count", word -> word)
                .output("out", KafkaSinks.<String, Long>strings(bootstrap, out).writers(2)
                        .exactlyOnce("kafka-word-count-" + out));
        return flow;
    }
}
