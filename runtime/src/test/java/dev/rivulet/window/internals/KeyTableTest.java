package dev.rivulet.window.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link KeyTable} finds exactly what a {@code HashMap} would, through growth and removals. */
class KeyTableTest {

    static final class Cell extends KeyTable.Entry {
        Cell(Object key) {
            super(key);
        }
    }

    @Test
    void addsFindsAndRemovesLikeAMap() {
        KeyTable<Cell> table = new KeyTable<>();
        Map<Object, Cell> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++) {
            // Colliding keys too: strings "Aa" and "BB" share a hash code.
            Object key = switch (random.nextInt(3)) {
                case 0 -> random.nextInt(300);
                case 1 -> (random.nextBoolean() ? "Aa" : "BB") + random.nextInt(40);
                default -> (long) random.nextInt(300);
            };
            Cell found = table.get(key);
            assertThat(found).isSameAs(reference.get(key));
            if (found == null) {
                Cell cell = new Cell(key);
                table.add(cell);
                reference.put(key, cell);
            } else if (random.nextInt(3) == 0) {
                table.remove(found);
                reference.remove(key);
            }
        }
        assertThat(table.size()).isEqualTo(reference.size());
        assertThat(table.consistent()).isTrue();
        reference.forEach((key, cell) -> assertThat(table.get(key)).isSameAs(cell));
    }
}
