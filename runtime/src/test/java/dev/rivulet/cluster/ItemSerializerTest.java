package dev.rivulet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.KV;
import dev.rivulet.cluster.internals.ItemSerializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kryo as configured for items: records, classes without a no-arg constructor, JDK collections, references. */
class ItemSerializerTest {

    record Point(int x, String label) {
    }

    static final class NoDefaultConstructor {
        final String name;
        final List<Integer> values;

        NoDefaultConstructor(String name, List<Integer> values) {
            this.name = name;
            this.values = values;
        }
    }

    static final class Node {
        Node next;
        final String name;

        Node(String name) {
            this.name = name;
        }
    }

    private static List<Object> roundTrip(Object... items) {
        ItemSerializer serializer = new ItemSerializer(ItemSerializerTest.class.getClassLoader());
        return new ItemSerializer(ItemSerializerTest.class.getClassLoader())
                .fromBytes(serializer.toBytes(Arrays.asList(items)));
    }

    @Test
    void recordsCollectionsAndKeyValuesSurvive() {
        List<Object> back = roundTrip(new Point(1, "a"), KV.of("k", 3L), List.of(1, 2), Map.of("x", 1),
                Arrays.asList("p", "q"), new ArrayList<>(List.of("r")), null);
        assertThat(back).containsExactly(new Point(1, "a"), KV.of("k", 3L), List.of(1, 2), Map.of("x", 1),
                List.of("p", "q"), List.of("r"), null);
    }

    @Test
    void classesWithoutANoArgConstructorSurvive() {
        NoDefaultConstructor back = (NoDefaultConstructor) roundTrip(new NoDefaultConstructor("n", List.of(4))).get(0);
        assertThat(back.name).isEqualTo("n");
        assertThat(back.values).containsExactly(4);
    }

    @Test
    void cyclesAndSharedReferencesSurvive() {
        Node a = new Node("a");
        Node b = new Node("b");
        a.next = b;
        b.next = a;
        Node back = (Node) roundTrip(a).get(0);
        assertThat(back.next.name).isEqualTo("b");
        assertThat(back.next.next).isSameAs(back);
    }
}
