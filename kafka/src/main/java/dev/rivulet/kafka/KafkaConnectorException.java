package dev.rivulet.kafka;

/**
 * A Kafka source or sink could not do its work: the brokers are unreachable, a topic is
 * missing, authentication failed, a record did not deserialize, a producer was fenced. The
 * message names the brokers and topic (and partition and offset for a record) and what to do;
 * the engine prefixes it with the step.
 */
public class KafkaConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KafkaConnectorException(String message) {
        super(message);
    }

    public KafkaConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
