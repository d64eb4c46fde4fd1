package dev.rivulet.kafka.internals;

import dev.rivulet.kafka.KafkaConnectorException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Client configurations and the translation of client failures into one clear message. */
public final class KafkaClients {
    static {
        // kafka-clients logs every client's whole configuration at INFO, and at WARN each retry
        // of a connection or a metadata fetch: a wall of text in a notebook (a red box) or a
        // terminal, while every failure reaches the user as one message of ours anyway. With
        // slf4j-simple (the CLI's and the kernel's logger), keep its loggers at ERROR unless the
        // user chose a level; other logging backends are untouched.
        String key = "org.slf4j.simpleLogger.log.org.apache.kafka";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "error");
        }
    }

    private KafkaClients() {
    }

    /** Admin settings: the user's, plus bounded timeouts. */
    public static Map<String, Object> adminConfig(String bootstrap, Map<String, String> user, Duration timeout) {
        Map<String, Object> props = base(bootstrap, timeout);
        props.putAll(user);
        // consumer-only settings would make the admin client log warnings
        props.keySet().removeIf(k -> k.startsWith("isolation.") || k.startsWith("max.poll")
                || k.startsWith("fetch.") || k.startsWith("auto.offset") || k.equals("group.id")
                || k.startsWith("enable.auto"));
        return props;
    }

    /** Consumer settings: the user's, auto-commit off, bounded timeouts. */
    public static Map<String, Object> consumerConfig(String bootstrap, Map<String, String> user, Duration timeout) {
        Map<String, Object> props = base(bootstrap, timeout);
        props.put("auto.offset.reset", "earliest");
        props.putAll(user);
        props.put("enable.auto.commit", "false");
        props.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return props;
    }

    /** Producer settings: the user's, serializers of bytes, bounded timeouts. */
    public static Map<String, Object> producerConfig(String bootstrap, Map<String, String> user, Duration timeout) {
        Map<String, Object> props = base(bootstrap, timeout);
        props.put("max.block.ms", String.valueOf(timeout.toMillis()));
        props.put("delivery.timeout.ms", String.valueOf(Math.max(timeout.toMillis(), 30_000) + 5_000));
        props.putAll(user);
        props.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        return props;
    }

    private static Map<String, Object> base(String bootstrap, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        long ms = timeout.toMillis();
        props.put("default.api.timeout.ms", String.valueOf(ms));
        props.put("request.timeout.ms", String.valueOf(Math.min(ms, 30_000)));
        return props;
    }

    /**
     * One message for a failed client call: what was being done ({@code doing}, e.g. "listing
     * the partitions of topics [a]"), the brokers, and what to check.
     */
    public static KafkaConnectorException describe(Throwable failure, String doing, String bootstrap,
            Duration timeout) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof KafkaConnectorException
                || cause.getClass() == org.apache.kafka.common.KafkaException.class)
                && cause.getCause() != null) {
            if (cause instanceof KafkaConnectorException k) {
                return k;
            }
            cause = cause.getCause();
        }
        if (cause instanceof KafkaConnectorException k) {
            return k;
        }
        String brokers = "the Kafka brokers " + bootstrap;
        if (cause instanceof AuthenticationException) {
            return new KafkaConnectorException("authentication to " + brokers + " failed while " + doing + ": "
                    + cause.getMessage() + "; check security.protocol, sasl.mechanism and sasl.jaas.config "
                    + "(pass them with withConfig)", failure);
        }
        if (cause instanceof AuthorizationException) {
            return new KafkaConnectorException("not authorized by " + brokers + " while " + doing + ": "
                    + cause.getMessage() + "; ask for the ACLs this needs", failure);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new KafkaConnectorException("a topic does not exist on " + brokers + " while " + doing
                    + ": create it first or check its name", failure);
        }
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new KafkaConnectorException("no answer from " + brokers + " within " + timeout.toMillis()
                    + " ms while " + doing + ": check bootstrap.servers and that the brokers are up and "
                    + "reachable from here", failure);
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (text.contains("bootstrap")) {
            return new KafkaConnectorException("cannot use " + brokers + " while " + doing + ": " + text
                    + "; check bootstrap.servers (host:port[,host:port…])", failure);
        }
        return new KafkaConnectorException(doing + " on " + brokers + " failed: " + cause.getClass().getSimpleName()
                + ": " + text, failure);
    }
}
