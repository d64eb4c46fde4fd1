package dev.rivulet.kafka.internals;

import dev.rivulet.kafka.KafkaConnectorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Lists a source's topic-partitions as the partition names {@code topic-N}, and parses them. */
public final class TopicPartitions {

    private TopicPartitions() {
    }

    /** The sorted names {@code topic-N} of every partition of {@code topics} or of the topics matching {@code pattern}. */
    public static List<String> list(Map<String, Object> adminConfig, String bootstrap, List<String> topics,
            String pattern, Duration timeout) {
        String what = pattern != null ? "topics matching /" + pattern + "/" : "topic" + (topics.size() > 1 ? "s " : " ")
                + String.join(", ", topics);
        Admin admin;
        try {
            admin = Admin.create(adminConfig);
        } catch (RuntimeException e) {
            throw KafkaClients.describe(e, "connecting to read " + what, bootstrap, timeout);
        }
        try {
            Collection<String> names = topics;
            if (pattern != null) {
                Pattern regex = Pattern.compile(pattern);
                Set<String> all = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                names = all.stream().filter(t -> regex.matcher(t).matches()).sorted().toList();
                if (names.isEmpty()) {
                    throw new KafkaConnectorException("no topic on the Kafka brokers " + bootstrap + " matches /"
                            + pattern + "/ (there are " + all.size() + " topics): create one, or check the pattern");
                }
            }
            Set<String> parts = new TreeSet<>();
            for (String topic : names) {
                TopicDescription description;
                try {
                    description = admin.describeTopics(List.of(topic)).allTopicNames()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        throw new KafkaConnectorException("topic '" + topic + "' does not exist on the Kafka brokers "
                                + bootstrap + ": create it first, or check the name", e.getCause());
                    }
                    throw e;
                }
                description.partitions().forEach(p -> parts.add(name(new TopicPartition(topic, p.partition()))));
            }
            List<String> sorted = new ArrayList<>(parts);
            sorted.sort((a, b) -> {
                TopicPartition x = parse(a);
                TopicPartition y = parse(b);
                int c = x.topic().compareTo(y.topic());
                return c != 0 ? c : Integer.compare(x.partition(), y.partition());
            });
            return sorted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaConnectorException("interrupted while listing the partitions of " + what, e);
        } catch (Exception e) {
            throw KafkaClients.describe(e, "listing the partitions of " + what, bootstrap, timeout);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    public static String name(TopicPartition tp) {
        return tp.topic() + "-" + tp.partition();
    }

    public static TopicPartition parse(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("not a topic-partition name: '" + name + "'");
        }
        return new TopicPartition(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
    }
}
