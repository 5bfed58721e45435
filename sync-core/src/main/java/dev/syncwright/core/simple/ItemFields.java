package dev.syncwright.core.simple;

import dev.syncwright.core.SyncException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Custom field values of one item, by field id: what an item store reports (identity and version
 * fields) and what the providers hand it back (identity fields). Immutable; {@code byte[]} values are
 * copied in and out and compared by content, so a hash kept as bytes compares as a value should.
 */
public final class ItemFields {
    private static final ItemFields EMPTY = new ItemFields(new TreeMap<>());

    private final SortedMap<Integer, Object> values;

    private ItemFields(SortedMap<Integer, Object> values) {
        this.values = values;
    }

    public static ItemFields empty() {
        return EMPTY;
    }

    public static ItemFields of(int field, @Nullable Object value) {
        return EMPTY.with(field, value);
    }

    public static ItemFields of(int f1, @Nullable Object v1, int f2, @Nullable Object v2) {
        return EMPTY.with(f1, v1).with(f2, v2);
    }

    public static ItemFields of(int f1, @Nullable Object v1, int f2, @Nullable Object v2, int f3, @Nullable Object v3) {
        return EMPTY.with(f1, v1).with(f2, v2).with(f3, v3);
    }

    /** The fields of {@code map}; null values are kept (a version field may be null), null keys are refused. */
    public static ItemFields of(Map<Integer, ? extends @Nullable Object> map) {
        TreeMap<Integer, Object> m = new TreeMap<>();
        map.forEach((k, v) -> m.put(Objects.requireNonNull(k, "field id"), copy(v)));
        return new ItemFields(m);
    }

    /** These fields with {@code field} set to {@code value} (replacing any value it had). */
    public ItemFields with(int field, @Nullable Object value) {
        TreeMap<Integer, Object> m = new TreeMap<>(values);
        m.put(field, copy(value));
        return new ItemFields(m);
    }

    /** These fields with every field of {@code other} set to its value there. */
    public ItemFields withAll(ItemFields other) {
        TreeMap<Integer, Object> m = new TreeMap<>(values);
        m.putAll(other.values);
        return new ItemFields(m);
    }

    public boolean contains(int field) {
        return values.containsKey(field);
    }

    /** The value of {@code field} (a copy for {@code byte[]}), or null when absent or null. */
    public @Nullable Object get(int field) {
        return copy(values.get(field));
    }

    /** The value of {@code field} as a String; fails clearly if it is something else. */
    public @Nullable String string(int field) {
        return as(field, String.class);
    }

    /** The value of {@code field} as a Long; fails clearly if it is something else. */
    public @Nullable Long longValue(int field) {
        return as(field, Long.class);
    }

    private <T> T as(int field, Class<T> type) {
        Object v = values.get(field);
        if (v != null && !type.isInstance(v)) {
            throw new SyncException("Custom field " + field + " holds a " + v.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(v);
    }

    /** The field ids present, ascending. */
    public Set<Integer> fieldIds() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The fields as a map (byte arrays shared: callers must not change them). */
    Map<Integer, Object> asMap() {
        return Collections.unmodifiableSortedMap(values);
    }

    /** The value of {@code field} without copying. */
    Object raw(int field) {
        return values.get(field);
    }

    static boolean sameValue(Object a, Object b) {
        return Objects.deepEquals(a, b);
    }

    private static Object copy(Object v) {
        return v instanceof byte[] b ? b.clone() : v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ItemFields f) || !f.values.keySet().equals(values.keySet())) {
            return false;
        }
        for (Map.Entry<Integer, Object> e : values.entrySet()) {
            if (!sameValue(e.getValue(), f.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<Integer, Object> e : values.entrySet()) {
            Object v = e.getValue();
            h += e.getKey() ^ (v instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(v));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
        });
        return sb.append('}').toString();
    }
}
