package dev.rivulet.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.Branch;
import dev.rivulet.Dataflow;
import dev.rivulet.io.Sources;
import dev.rivulet.window.WindowClock;
import dev.rivulet.window.Windower;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class FlowDiagramTest {

    @Test
    void drawsEveryStepAndStreamAsWellFormedSvg() throws Exception {
        Dataflow flow = new Dataflow("shapes & <things>");
        Branch<Integer> parts = flow.input("numbers", Sources.testing(List.of(1, 2, 3)))
                .branch("even?", x -> x % 2 == 0);
        var windows = parts.trues().keyBy("key", x -> "k")
                .collectWindow("per-second", WindowClock.systemTime(),
                        Windower.tumbling(Duration.ofSeconds(1), Instant.EPOCH));
        windows.capture("windows");
        windows.late().capture("late");
        parts.falses().capture("odd");

        String svg = FlowDiagram.svg(flow);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(flow.steps().size());
        // one arrow per stream: branch←input, key←branch, window←key, 2 captures←window, odd←branch
        assertThat(svg.split("class=\"stream\"", -1).length - 1).isEqualTo(6);
        assertThat(svg).contains(">even?<", ">per-second<", "collectWindow (stateful)", ">late<", ">false<",
                "shapes &amp; &lt;things&gt;");
        assertThat(svg).doesNotContain("<script");
    }
}
