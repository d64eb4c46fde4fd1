package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.kafka.KafkaSources;
import dev.rivulet.kafka.testbroker.KafkaBrokerExtension;
import dev.rivulet.kafka.testbroker.TestBroker;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bundled kernel with the Kafka connector added as a user would ({@code %classpath} with the
 * connector and {@code kafka-clients}): a cell reads a topic of a real broker into a table.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaNotebookTest {

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void aCellReadsATopicIntoATableOnTwoWorkers(TestBroker broker) throws Exception {
        broker.createTopic("nb-lines", 2);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("nb-lines", i % 2, "k" + i, "line " + i));
            }
        }
        RivuletKernel kernel = new RivuletKernel();
        try {
            kernel.eval("%classpath " + jarOf(KafkaSources.class) + File.pathSeparator + jarOf(KafkaProducer.class));
            kernel.eval("import dev.rivulet.kafka.*;");
            kernel.eval("var flow = new Dataflow(\"nb-kafka\");\n"
                    + "flow.input(\"in\", KafkaSources.strings(\"" + broker.bootstrapServers() + "\", \"nb-lines\")"
                    + ".toCurrentEnd())\n"
                    + "  .map(\"text\", r -> r.partition() + \":\" + r.offset() + \" \" + r.value())\n"
                    + "  .capture(\"lines\");");
            kernel.eval("var t = %run_main --workers 2 flow");
            assertThat(kernel.eval("t.rowCount()").getData(MIMEType.TEXT_PLAIN)).isEqualTo("10");
            assertThat(kernel.eval("lastResult()").getData(MIMEType.TEXT_HTML).toString()).contains("0:0 line 0");
        } finally {
            kernel.onShutdown(false);
        }
    }
}
