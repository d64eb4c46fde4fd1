package dev.rivulet.flink.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.KV;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** {@link ItemSerializer}: what crosses a Flink exchange comes out equal, whatever its type. */
class FlinkItemSerializerTest {

    record Point(int x, long y, String label) {
    }

    record Nested(Point point, KV<String, Instant> at, List<Integer> values) {
    }

    private static Object roundTrip(ItemSerializer serializer, Object item) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(item, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        Object read = serializer.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return read;
    }

    @Test
    void everyKindOfItemComesBackEqual() throws IOException {
        ItemSerializer serializer = new ItemSerializer(new SerializerConfigImpl());
        String huge = "x".repeat(70_000) + "é\u263A";
        List<Object> items = new ArrayList<>(List.of("word", "", huge, 42, -7L, 2.5, true,
                Instant.parse("2024-01-01T00:00:00.123456789Z"), KV.of("k", 1L), KV.of(KV.of(1, "a"), List.of(1, 2)),
                new Stamped(KV.of(3, new Point(1, 2L, "p")), 10L, Long.MIN_VALUE),
                new Nested(new Point(-1, Long.MAX_VALUE, null), KV.of("t", Instant.EPOCH), List.of(4, 5)),
                Map.of("kryo", 1)));
        items.add(null);
        for (Object item : items) {
            assertThat(roundTrip(serializer, item)).as(String.valueOf(item)).isEqualTo(item);
        }
        // a duplicate (Flink makes one per user) reads what another wrote
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(new Point(5, 6L, "q"), out);
        Object read = serializer.duplicate().deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0,
                out.length()));
        assertThat(read).isEqualTo(new Point(5, 6L, "q"));
    }

    @Test
    void chainedOperatorsGetTheItemItselfAndACorruptStreamIsNamed() {
        ItemSerializer serializer = new ItemSerializer(new SerializerConfigImpl());
        Point p = new Point(1, 2L, "same");
        assertThat(serializer.copy(p)).isSameAs(p);
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(new byte[] {99})))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown item tag 99");
    }
}
