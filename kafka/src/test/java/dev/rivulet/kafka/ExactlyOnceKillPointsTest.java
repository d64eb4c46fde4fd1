package dev.rivulet.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.KV;
import dev.rivulet.io.SinkPartition;
import dev.rivulet.kafka.internals.SinkState;
import dev.rivulet.kafka.testbroker.KafkaBrokerExtension;
import dev.rivulet.kafka.testbroker.TestBroker;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exactly-once sink at each point a run can die in its protocol for one epoch (write →
 * snapshot, stored by the engine → {@code epochCompleted}, the Kafka commit), deterministically:
 * a "killed" writer is abandoned without closing, and the resumed run's writer is built from the
 * snapshot the recovery store would hand it, as the engine does. A read_committed reader must
 * then see the epoch's records exactly once (or not at all, when the resumed run redoes them).
 */
@ExtendWith(KafkaBrokerExtension.class)
class ExactlyOnceKillPointsTest {
    private static final List<KV<String, String>> EPOCH = List.of(KV.of("a", "1"), KV.of("b", "1"), KV.of("a", "2"));

    private static KafkaSink<KV<String, String>> sink(TestBroker broker, String topic) {
        return KafkaSinks.<String, String>strings(broker.bootstrapServers(), topic).exactlyOnce("kp-" + topic);
    }

    private static List<String> committed(TestBroker broker, String topic) {
        return Topics.readAll(broker, topic, true).stream().map(r -> r.key() + "=" + r.value()).toList();
    }

    /** Closes a writer the resumed one has fenced, as the dead process's would never be. */
    private static void abandon(SinkPartition<?, ?> dead) {
        try {
            dead.close();
        } catch (Exception fenced) {
            // fenced by the resumed writer: nothing it does reaches Kafka any more
        }
    }

    @Test
    void killedBeforeTheSnapshotIsStoredTheOpenTransactionIsAbortedAndRedone(TestBroker broker) throws Exception {
        String topic = Topics.create(broker, "kp-unstored", 1);
        var dead = sink(broker, topic).buildPart("writer-0", null);
        dead.write(EPOCH);
        dead.snapshot(); // taken, but the worker died before storing it: the resume has no state
        var resumed = sink(broker, topic).buildPart("writer-0", null);
        abandon(dead);
        assertThat(committed(broker, topic)).as("nothing of the dead run's epoch").isEmpty();
        resumed.write(EPOCH); // the resumed run reads and writes the epoch again
        resumed.snapshot();
        resumed.epochCompleted();
        resumed.close();
        assertThat(committed(broker, topic)).containsExactly("a=1", "b=1", "a=2");
    }

    @Test
    void killedAfterTheStoreBeforeTheKafkaCommitTheResumeCommitsTheStoredRecordsOnce(TestBroker broker)
            throws Exception {
        String topic = Topics.create(broker, "kp-stored", 1);
        var dead = sink(broker, topic).buildPart("writer-0", null);
        dead.write(EPOCH);
        SinkState stored = dead.snapshot(); // stored on every worker; epochCompleted never came
        var resumed = sink(broker, topic).buildPart("writer-0", stored);
        abandon(dead);
        resumed.close();
        assertThat(committed(broker, topic)).containsExactly("a=1", "b=1", "a=2");

        // the replaying run dies too, before storing anything: the next one resumes from the same
        // snapshot and finds its marker committed
        var again = sink(broker, topic).buildPart("writer-0", stored);
        again.close();
        assertThat(committed(broker, topic)).containsExactly("a=1", "b=1", "a=2");
    }

    @Test
    void killedAfterTheKafkaCommitTheResumeWritesNothingAgain(TestBroker broker) throws Exception {
        String topic = Topics.create(broker, "kp-committed", 1);
        var dead = sink(broker, topic).buildPart("writer-0", null);
        dead.write(EPOCH);
        SinkState stored = dead.snapshot();
        dead.epochCompleted();
        var resumed = sink(broker, topic).buildPart("writer-0", stored);
        abandon(dead);
        resumed.write(List.of(KV.of("c", "1"))); // the next epoch
        SinkState next = resumed.snapshot();
        assertThat(next.sequence()).isEqualTo(stored.sequence() + 1);
        resumed.epochCompleted();
        resumed.close();
        assertThat(committed(broker, topic)).containsExactly("a=1", "b=1", "a=2", "c=1");
        List<ConsumerRecord<String, String>> all = Topics.readAll(broker, topic, false);
        assertThat(all).as("read_uncommitted: nothing was written twice either").hasSize(4);
    }
}
