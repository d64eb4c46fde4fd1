package dev.rivulet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rivulet.io.Sources;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeTest {

    @Test
    void describesStepsAndTheirInputs() throws Exception {
        var flow = new Dataflow("shape");
        var parts = flow.input("inp", Sources.testing(List.of(1))).branch("split", x -> x > 0);
        parts.trues().merge("join", parts.falses()).keyBy("k", x -> x).reduce("sum", Integer::sum)
                .capture("out");
        JsonNode json = new ObjectMapper().readTree(flow.describe());
        assertThat(json.get("name").asText()).isEqualTo("shape");
        JsonNode steps = json.get("steps");
        assertThat(steps).hasSize(6);
        assertThat(steps.get(2).get("id").asText()).isEqualTo("join");
        assertThat(steps.get(2).get("inputs").toString()).isEqualTo("[\"split\",\"split.1\"]");
        assertThat(steps.get(4).get("operator").asText()).isEqualTo("reduce");
        assertThat(steps.get(4).get("stateful").asBoolean()).isTrue();
        assertThat(steps.get(0).get("outputs").asInt()).isEqualTo(1);
        assertThat(steps.get(1).get("outputs").asInt()).isEqualTo(2);
    }
}
