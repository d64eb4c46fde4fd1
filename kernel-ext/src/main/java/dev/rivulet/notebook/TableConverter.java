package dev.rivulet.notebook;

import dev.rivulet.KV;
import dev.rivulet.window.WindowResult;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/**
 * Turns captured items into a Tablesaw {@link Table}, one typed column per field:
 *
 * <ul>
 *   <li>a record: one column per component, named like the component;</li>
 *   <li>a {@link KV}: {@code key} and {@code value}; when the value is a record, {@code key} and
 *       the record's columns; when it is a {@link WindowResult}, {@code key}, {@code start},
 *       {@code end}, {@code value} (or the value record's columns) and {@code windowId};</li>
 *   <li>a {@link WindowResult} without key: {@code start}, {@code end}, value, {@code windowId};</li>
 *   <li>anything else: one column {@code value}.</li>
 * </ul>
 *
 * <p>Column types follow the values: {@code Long} → long column, {@code Integer} → int column,
 * {@code Double}/{@code Float} → double column, {@code Boolean}, {@code Instant},
 * {@code LocalDate}, {@code LocalDateTime}, {@code LocalTime} → their columns; mixed whole numbers
 * become longs, mixed numbers doubles, and anything else text ({@code toString()}). Items that do
 * not share the first item's shape make the whole table a single text column {@code value}.
 *
 * <pre>{@code
 * Table t = TableConverter.toTable("counts", List.of(KV.of("a", 2L), KV.of("b", 1L)));
 * // key (string) | value (long)
 * }</pre>
 */
public final class TableConverter {

    private TableConverter() {
    }

    /**
     * Initialises Tablesaw now. Its {@code Table} class scans the class path when first used, and
     * an interrupt during that scan breaks the class for the rest of the JVM's life, so a kernel
     * calls this before anything can be interrupted.
     */
    public static void warmUp() {
        Table.create("warm-up");
        // and the columns a live table shows first (a reduce's keys and counts), so that its first
        // rendering during a run does not wait for their classes
        TableView.text(toTable("warm-up", List.of(KV.of("a", 1L), KV.of("b", 2.5))), 2, 0);
    }

    /** The table of {@code items}, named {@code name}. */
    public static Table toTable(String name, List<?> items) {
        List<Field> fields;
        try {
            fields = fieldsOf(firstNonNull(items), items);
            return build(name, fields, items);
        } catch (ShapeMismatch mismatch) {
            return build(name, List.of(new Field("value", item -> item)), items);
        }
    }

    /** The column names {@link #toTable} gives to items shaped like {@code items}. */
    public static List<String> columnNames(List<?> items) {
        return toTable("columns", items).columnNames();
    }

    private static Object firstNonNull(List<?> items) {
        for (Object item : items) {
            if (item != null) {
                return item;
            }
        }
        return null;
    }

    /** A column to be: its name and how to get its value out of an item. */
    private record Field(String name, Function<Object, Object> extract) {
    }

    private static final class ShapeMismatch extends RuntimeException {
        ShapeMismatch() {
            super(null, null, false, false);
        }
    }

    private static List<Field> fieldsOf(Object sample, List<?> items) {
        List<Field> fields = new ArrayList<>();
        if (sample instanceof KV<?, ?>) {
            fields.add(new Field("key", item -> kv(item).key()));
            List<Object> values = new ArrayList<>();
            for (Object item : items) {
                values.add(kv(item).value());
            }
            for (Field f : valueFields(firstNonNull(values), values, Set.of("key"))) {
                fields.add(new Field(f.name(), item -> f.extract().apply(kv(item).value())));
            }
        } else {
            fields.addAll(valueFields(sample, items, Set.of()));
        }
        return fields;
    }

    /** The fields of a value: window results and records spread out, scalars one column. */
    private static List<Field> valueFields(Object sample, List<?> values, Set<String> taken) {
        List<Field> fields = new ArrayList<>();
        if (sample instanceof WindowResult<?>) {
            fields.add(new Field(unique("start", taken), v -> window(v).start()));
            fields.add(new Field(unique("end", taken), v -> window(v).end()));
            List<Object> inner = new ArrayList<>();
            for (Object v : values) {
                inner.add(v == null ? null : window(v).value());
            }
            Set<String> innerTaken = new LinkedHashSet<>(taken);
            innerTaken.addAll(Set.of("start", "end", "windowId"));
            for (Field f : valueFields(firstNonNull(inner), inner, innerTaken)) {
                fields.add(new Field(f.name(), v -> v == null ? null : f.extract().apply(window(v).value())));
            }
            fields.add(new Field(unique("windowId", taken), v -> window(v).windowId()));
        } else if (sample != null && sample.getClass().isRecord() && !(sample instanceof KV<?, ?>)) {
            Class<?> type = sample.getClass();
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true); // records declared in a notebook are not public
                fields.add(new Field(unique(component.getName(), taken), v -> {
                    if (v == null) {
                        return null;
                    }
                    if (v.getClass() != type) {
                        throw new ShapeMismatch();
                    }
                    try {
                        return accessor.invoke(v);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + component.getName() + " of " + v, e);
                    }
                }));
            }
        } else {
            fields.add(new Field(unique("value", taken), v -> v));
        }
        return fields;
    }

    private static String unique(String name, Set<String> taken) {
        return taken.contains(name) ? "value_" + name : name;
    }

    private static KV<?, ?> kv(Object item) {
        if (item instanceof KV<?, ?> kv) {
            return kv;
        }
        throw new ShapeMismatch();
    }

    private static WindowResult<?> window(Object value) {
        if (value instanceof WindowResult<?> w) {
            return w;
        }
        throw new ShapeMismatch();
    }

    private static Table build(String name, List<Field> fields, List<?> items) {
        Table table = Table.create(name);
        for (Field field : fields) {
            List<Object> values = new ArrayList<>(items.size());
            for (Object item : items) {
                values.add(item == null ? null : field.extract().apply(item));
            }
            table.addColumns(column(field.name(), values));
        }
        return table;
    }

    /** A column typed after its values. */
    static Column<?> column(String name, List<Object> values) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Object v : values) {
            if (v != null) {
                types.add(v.getClass());
            }
        }
        Class<?> type = types.size() == 1 ? types.iterator().next() : commonNumberType(types);
        if (type == Long.class) {
            LongColumn c = LongColumn.create(name);
            values.forEach(v -> { if (v == null) c.appendMissing(); else c.append(((Number) v).longValue()); });
            return c;
        }
        if (type == Integer.class || type == Short.class || type == Byte.class) {
            IntColumn c = IntColumn.create(name);
            values.forEach(v -> { if (v == null) c.appendMissing(); else c.append(((Number) v).intValue()); });
            return c;
        }
        if (type == Double.class || type == Float.class) {
            DoubleColumn c = DoubleColumn.create(name);
            values.forEach(v -> { if (v == null) c.appendMissing(); else c.append(((Number) v).doubleValue()); });
            return c;
        }
        if (type == Boolean.class) {
            BooleanColumn c = BooleanColumn.create(name);
            values.forEach(v -> { if (v == null) c.appendMissing(); else c.append((Boolean) v); });
            return c;
        }
        if (type == Instant.class) {
            InstantColumn c = InstantColumn.create(name);
            values.forEach(v -> { if (v == null) c.appendMissing(); else c.append((Instant) v); });
            return c;
        }
        if (type == LocalDate.class) {
            DateColumn c = DateColumn.create(name);
            values.forEach(v -> { if (v == null) c.appendMissing(); else c.append((LocalDate) v); });
            return c;
        }
        if (type == LocalDateTime.class) {
            DateTimeColumn c = DateTimeColumn.create(name);
            values.forEach(v -> { if (v == null) c.appendMissing(); else c.append((LocalDateTime) v); });
            return c;
        }
        if (type == LocalTime.class) {
            TimeColumn c = TimeColumn.create(name);
            values.forEach(v -> { if (v == null) c.appendMissing(); else c.append((LocalTime) v); });
            return c;
        }
        StringColumn c = StringColumn.create(name);
        values.forEach(v -> { if (v == null) c.appendMissing(); else c.append(String.valueOf(v)); });
        return c;
    }

    /** Long for mixed whole numbers, Double for mixed numbers, else null (text). */
    private static Class<?> commonNumberType(Set<Class<?>> types) {
        if (types.isEmpty()) {
            return String.class;
        }
        boolean whole = true;
        for (Class<?> t : types) {
            if (!Number.class.isAssignableFrom(t)) {
                return null;
            }
            whole &= t == Long.class || t == Integer.class || t == Short.class || t == Byte.class;
        }
        return whole ? Long.class : Double.class;
    }
}
