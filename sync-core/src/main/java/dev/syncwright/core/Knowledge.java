package dev.syncwright.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What a replica has seen: a clock vector per item range, refined by single-item and change-unit
 * exceptions. The most specific vector applies: a change-unit exception, else an item exception,
 * else the vector of the range the item falls in.
 *
 * <p>Immutable and always canonical: adjacent ranges differ, and an exception differs from what
 * it refines. Canonical form makes {@link #equals} structural and is what {@link #compact} means:
 * an exception the surrounding vector has caught up with is dropped as soon as it is equal.
 *
 * <p>Keys of versions are interpreted through {@link #keys()}; combining two knowledges with
 * different key maps translates through replica ids.
 */
public final class Knowledge {
    private final ReplicaKeyMap keys;
    private final ItemId[] starts;
    private final ClockVector[] vectors;
    private final NavigableMap<ItemId, ClockVector> items;
    private final NavigableMap<ItemId, NavigableMap<Integer, ClockVector>> units;

    private Knowledge(ReplicaKeyMap keys, ItemId[] starts, ClockVector[] vectors,
            NavigableMap<ItemId, ClockVector> items, NavigableMap<ItemId, NavigableMap<Integer, ClockVector>> units) {
        this.keys = keys;
        this.starts = starts;
        this.vectors = vectors;
        this.items = items;
        this.units = units;
    }

    /** Knows nothing. */
    public static Knowledge empty(ReplicaKeyMap keys) {
        return ofVector(keys, ClockVector.EMPTY);
    }

    /** One clock vector for the whole scope, no exceptions. */
    public static Knowledge ofVector(ReplicaKeyMap keys, ClockVector vector) {
        checkKeys(keys, vector);
        return new Knowledge(Objects.requireNonNull(keys), new ItemId[] {ItemId.MIN}, new ClockVector[] {vector},
                Collections.emptyNavigableMap(), Collections.emptyNavigableMap());
    }

    /**
     * Builds a knowledge from its parts (used by decoders); the result is canonicalized. Range
     * starts must be strictly increasing and begin with {@link ItemId#MIN}.
     */
    public static Knowledge of(ReplicaKeyMap keys, List<ItemId> rangeStarts, List<ClockVector> rangeVectors,
            Map<ItemId, ClockVector> itemExceptions, Map<ItemId, ? extends Map<Integer, ClockVector>> unitExceptions) {
        if (rangeStarts.isEmpty() || rangeStarts.size() != rangeVectors.size() || !rangeStarts.get(0).equals(ItemId.MIN)) {
            throw new SyncException("Knowledge ranges must be non-empty, start at the minimal item id and have one vector each");
        }
        for (int i = 1; i < rangeStarts.size(); i++) {
            if (rangeStarts.get(i).compareTo(rangeStarts.get(i - 1)) <= 0) {
                throw new SyncException("Knowledge range starts must be strictly increasing");
            }
        }
        Builder b = new Builder(keys);
        for (int i = 0; i < rangeStarts.size(); i++) {
            b.range(rangeStarts.get(i), checkKeys(keys, rangeVectors.get(i)));
        }
        Knowledge ranges = b.ranges();
        TreeMap<ItemId, ClockVector> it = new TreeMap<>();
        itemExceptions.forEach((k, v) -> it.put(k, checkKeys(keys, v)));
        TreeMap<ItemId, NavigableMap<Integer, ClockVector>> cu = new TreeMap<>();
        unitExceptions.forEach((k, m) -> {
            TreeMap<Integer, ClockVector> inner = new TreeMap<>();
            m.forEach((c, v) -> {
                if (c < 0) {
                    throw new SyncException("Change unit " + c + " is negative");
                }
                inner.put(c, checkKeys(keys, v));
            });
            cu.put(k, inner);
        });
        return canonical(keys, ranges.starts, ranges.vectors, it, cu);
    }

    private static ClockVector checkKeys(ReplicaKeyMap keys, ClockVector v) {
        for (int i = 0; i < v.size(); i++) {
            if (v.keyAt(i) >= keys.size()) {
                throw new SyncException("Clock vector uses replica key " + v.keyAt(i) + " which the key map ("
                        + keys.size() + " replicas) does not define");
            }
        }
        return v;
    }

    public ReplicaKeyMap keys() {
        return keys;
    }

    /** The compact, versioned, checksummed binary form (see {@code KnowledgeCodec}). */
    public byte[] encode() {
        return dev.syncwright.core.internal.KnowledgeCodec.encode(this);
    }

    /**
     * Decodes {@link #encode()} output. Truncated, corrupted or hostile bytes throw
     * {@link KnowledgeFormatException}; they never decode to a different knowledge.
     */
    public static Knowledge decode(byte[] bytes) {
        return dev.syncwright.core.internal.KnowledgeCodec.decode(bytes);
    }

    // ---- queries ----

    /** The vector of the range that {@code id} falls in, ignoring exceptions. */
    public ClockVector rangeVector(ItemId id) {
        int i = Arrays.binarySearch(starts, id);
        return vectors[i >= 0 ? i : -i - 2];
    }

    /** The vector that applies to the item as a whole. */
    public ClockVector itemVector(ItemId id) {
        ClockVector v = items.isEmpty() ? null : items.get(id);
        return v != null ? v : rangeVector(id);
    }

    /** The vector that applies to one change unit of an item. */
    public ClockVector unitVector(ItemId id, int changeUnit) {
        if (!units.isEmpty()) {
            NavigableMap<Integer, ClockVector> m = units.get(id);
            if (m != null) {
                ClockVector v = m.get(changeUnit);
                if (v != null) {
                    return v;
                }
            }
        }
        return itemVector(id);
    }

    /** Whether the item-level version {@code v} (e.g. a creation or delete version) is known. */
    public boolean contains(ItemId id, Version v) {
        return itemVector(id).contains(v);
    }

    /** Whether version {@code v} of one change unit of an item is known. */
    public boolean contains(ItemId id, int changeUnit, Version v) {
        return unitVector(id, changeUnit).contains(v);
    }

    /** Whether this knowledge contains everything {@code other} contains, at every item and change unit. */
    public boolean contains(Knowledge other) {
        Knowledge o = other.keys.equals(keys) ? other : other.translatedTo(keys.extendedWith(other.keys));
        boolean[] ok = {true};
        combine(this.keys.size() >= o.keys.size() ? this.keys : o.keys, this, o, (a, b) -> {
            if (!a.dominates(b)) {
                ok[0] = false;
            }
            return a;
        });
        return ok[0];
    }

    /** The lowest entry for {@code replicaKey} over every range and exception (-1 if some region has none). */
    public long minimumTick(int replicaKey) {
        long min = Long.MAX_VALUE;
        for (ClockVector v : vectors) {
            min = Math.min(min, v.get(replicaKey));
        }
        for (ClockVector v : items.values()) {
            min = Math.min(min, v.get(replicaKey));
        }
        for (NavigableMap<Integer, ClockVector> m : units.values()) {
            for (ClockVector v : m.values()) {
                min = Math.min(min, v.get(replicaKey));
            }
        }
        return min;
    }

    /** True when this knowledge is a single vector with no ranges or exceptions. */
    public boolean isSimple() {
        return starts.length == 1 && items.isEmpty() && units.isEmpty();
    }

    public int rangeCount() {
        return starts.length;
    }

    public ItemId rangeStart(int i) {
        return starts[i];
    }

    public ClockVector rangeVectorAt(int i) {
        return vectors[i];
    }

    public NavigableMap<ItemId, ClockVector> itemExceptions() {
        return Collections.unmodifiableNavigableMap(items);
    }

    public NavigableMap<ItemId, NavigableMap<Integer, ClockVector>> changeUnitExceptions() {
        return Collections.unmodifiableNavigableMap(units);
    }

    /**
     * The change units of {@code id} that have their own exception. A unit without one is judged by
     * the item's vector, so checking an item's creation version covers every unit still at it.
     */
    public java.util.Set<Integer> unitsWithExceptions(ItemId id) {
        if (units.isEmpty()) {
            return java.util.Set.of();
        }
        NavigableMap<Integer, ClockVector> m = units.get(id);
        return m == null ? java.util.Set.of() : m.keySet();
    }

    /** The number of exceptions (item and change-unit). */
    public int exceptionCount() {
        int n = items.size();
        for (NavigableMap<Integer, ClockVector> m : units.values()) {
            n += m.size();
        }
        return n;
    }

    // ---- operations (each returns a new canonical knowledge) ----

    /** Everything either knowledge knows. The result uses this key map, extended by the other's replicas. */
    public Knowledge merge(Knowledge other) {
        ReplicaKeyMap target = keys.extendedWith(other.keys);
        Knowledge a = target.equals(keys) ? this : translatedTo(target);
        Knowledge b = other.keys.equals(target) ? other : other.translatedTo(target);
        return combine(target, a, b, ClockVector::max);
    }

    /** What this knowledge knows about items in [{@code from}, {@code toExclusive}); nothing elsewhere. A null bound is open. */
    public Knowledge project(@Nullable ItemId from, @Nullable ItemId toExclusive) {
        ItemId lo = from == null ? ItemId.MIN : from;
        Builder b = new Builder(keys);
        b.range(ItemId.MIN, ClockVector.EMPTY);
        if (toExclusive == null || lo.compareTo(toExclusive) < 0) {
            b.range(lo, rangeVector(lo));
            for (int i = 0; i < starts.length; i++) {
                if (starts[i].compareTo(lo) > 0 && (toExclusive == null || starts[i].compareTo(toExclusive) < 0)) {
                    b.range(starts[i], vectors[i]);
                }
            }
            if (toExclusive != null) {
                b.range(toExclusive, ClockVector.EMPTY);
            }
        }
        Knowledge r = b.ranges();
        NavigableMap<ItemId, ClockVector> it = toExclusive == null ? items.tailMap(lo, true) : items.subMap(lo, true, toExclusive, false);
        NavigableMap<ItemId, NavigableMap<Integer, ClockVector>> cu = toExclusive == null ? units.tailMap(lo, true) : units.subMap(lo, true, toExclusive, false);
        return canonical(keys, r.starts, r.vectors, new TreeMap<>(it), deepCopy(cu));
    }

    /** This knowledge, claiming nothing about {@code id} (any change unit). */
    public Knowledge excludeItem(ItemId id) {
        TreeMap<ItemId, ClockVector> it = new TreeMap<>(items);
        it.put(id, ClockVector.EMPTY);
        TreeMap<ItemId, NavigableMap<Integer, ClockVector>> cu = deepCopy(units);
        cu.remove(id);
        return canonical(keys, starts, vectors, it, cu);
    }

    /** This knowledge, claiming nothing about one change unit of {@code id}. */
    public Knowledge excludeChangeUnit(ItemId id, int changeUnit) {
        TreeMap<ItemId, NavigableMap<Integer, ClockVector>> cu = deepCopy(units);
        cu.computeIfAbsent(id, k -> new TreeMap<>()).put(changeUnit, ClockVector.EMPTY);
        return canonical(keys, starts, vectors, new TreeMap<>(items), cu);
    }

    /** Every vector (ranges and exceptions) raised to at least {@code tick} for {@code replicaKey}. */
    public Knowledge withTick(int replicaKey, long tick) {
        if (replicaKey >= keys.size()) {
            throw new SyncException("Replica key " + replicaKey + " is not in the key map");
        }
        return mapVectors(v -> v.withAtLeast(replicaKey, tick));
    }

    /**
     * Every vector (ranges and exceptions) lowered to at most {@code tick} for {@code replicaKey}: this
     * knowledge forgets that replica's versions above it. A replica whose own history was found forked
     * or stale does so for its former identity: it cannot tell which of those versions it really holds.
     */
    public Knowledge withTickAtMost(int replicaKey, long tick) {
        if (replicaKey >= keys.size()) {
            throw new SyncException("Replica key " + replicaKey + " is not in the key map");
        }
        return mapVectors(v -> v.withAtMost(replicaKey, tick));
    }

    /** Drops exceptions that the vector they refine has caught up with. Knowledge is kept canonical, so this is the identity. */
    public Knowledge compact() {
        return this;
    }

    /** The same knowledge expressed in {@code target}, which must know every replica of this key map. */
    public Knowledge translatedTo(ReplicaKeyMap target) {
        if (target.equals(keys)) {
            return this;
        }
        int[] map = new int[keys.size()];
        for (int k = 0; k < map.length; k++) {
            map[k] = target.keyOf(keys.replicaId(k));
            if (map[k] < 0) {
                throw new SyncException("Cannot translate knowledge: replica " + keys.replicaId(k) + " is not in the target key map");
            }
        }
        Knowledge t = mapVectors(v -> v.remap(k -> map[k]));
        return new Knowledge(target, t.starts, t.vectors, t.items, t.units);
    }

    private Knowledge mapVectors(UnaryOperator<ClockVector> f) {
        ClockVector[] v = new ClockVector[vectors.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.apply(vectors[i]);
        }
        TreeMap<ItemId, ClockVector> it = new TreeMap<>();
        items.forEach((k, x) -> it.put(k, f.apply(x)));
        TreeMap<ItemId, NavigableMap<Integer, ClockVector>> cu = new TreeMap<>();
        units.forEach((k, m) -> {
            TreeMap<Integer, ClockVector> inner = new TreeMap<>();
            m.forEach((c, x) -> inner.put(c, f.apply(x)));
            cu.put(k, inner);
        });
        return canonical(keys, starts.clone(), v, it, cu);
    }

    /** Pointwise combination over every range piece, item and change unit named by either side. */
    private static Knowledge combine(ReplicaKeyMap target, Knowledge a, Knowledge b, BinaryOperator<ClockVector> op) {
        TreeSet<ItemId> points = new TreeSet<>(Arrays.asList(a.starts));
        points.addAll(Arrays.asList(b.starts));
        Builder rb = new Builder(target);
        for (ItemId p : points) {
            rb.range(p, op.apply(a.rangeVector(p), b.rangeVector(p)));
        }
        Knowledge r = rb.ranges();
        TreeSet<ItemId> ids = new TreeSet<>(a.items.keySet());
        ids.addAll(b.items.keySet());
        ids.addAll(a.units.keySet());
        ids.addAll(b.units.keySet());
        TreeMap<ItemId, ClockVector> it = new TreeMap<>();
        TreeMap<ItemId, NavigableMap<Integer, ClockVector>> cu = new TreeMap<>();
        for (ItemId id : ids) {
            it.put(id, op.apply(a.itemVector(id), b.itemVector(id)));
            TreeSet<Integer> cus = new TreeSet<>();
            NavigableMap<Integer, ClockVector> ma = a.units.get(id);
            NavigableMap<Integer, ClockVector> mb = b.units.get(id);
            if (ma != null) {
                cus.addAll(ma.keySet());
            }
            if (mb != null) {
                cus.addAll(mb.keySet());
            }
            if (!cus.isEmpty()) {
                TreeMap<Integer, ClockVector> inner = new TreeMap<>();
                for (int c : cus) {
                    inner.put(c, op.apply(a.unitVector(id, c), b.unitVector(id, c)));
                }
                cu.put(id, inner);
            }
        }
        return canonical(target, r.starts, r.vectors, it, cu);
    }

    /** Coalesces equal neighbouring ranges and drops exceptions equal to what they refine. */
    private static Knowledge canonical(ReplicaKeyMap keys, ItemId[] starts, ClockVector[] vectors,
            TreeMap<ItemId, ClockVector> items, TreeMap<ItemId, NavigableMap<Integer, ClockVector>> units) {
        Builder b = new Builder(keys);
        for (int i = 0; i < starts.length; i++) {
            b.range(starts[i], vectors[i]);
        }
        Knowledge r = b.ranges();
        items.entrySet().removeIf(e -> e.getValue().equals(r.rangeVector(e.getKey())));
        Knowledge withItems = new Knowledge(keys, r.starts, r.vectors, items, Collections.emptyNavigableMap());
        units.entrySet().removeIf(e -> {
            ClockVector iv = withItems.itemVector(e.getKey());
            e.getValue().entrySet().removeIf(u -> u.getValue().equals(iv));
            return e.getValue().isEmpty();
        });
        for (Map.Entry<ItemId, NavigableMap<Integer, ClockVector>> e : units.entrySet()) {
            e.setValue(Collections.unmodifiableNavigableMap(e.getValue()));
        }
        return new Knowledge(keys, r.starts, r.vectors,
                items.isEmpty() ? Collections.emptyNavigableMap() : items,
                units.isEmpty() ? Collections.emptyNavigableMap() : units);
    }

    private static TreeMap<ItemId, NavigableMap<Integer, ClockVector>> deepCopy(NavigableMap<ItemId, NavigableMap<Integer, ClockVector>> m) {
        TreeMap<ItemId, NavigableMap<Integer, ClockVector>> c = new TreeMap<>();
        m.forEach((k, v) -> c.put(k, new TreeMap<>(v)));
        return c;
    }

    /** Collects ranges in increasing start order, merging neighbours with equal vectors. */
    private static final class Builder {
        private final ReplicaKeyMap keys;
        private final List<ItemId> s = new ArrayList<>();
        private final List<ClockVector> v = new ArrayList<>();

        Builder(ReplicaKeyMap keys) {
            this.keys = keys;
        }

        void range(ItemId start, ClockVector vector) {
            if (!s.isEmpty() && s.get(s.size() - 1).equals(start)) {
                v.set(v.size() - 1, vector);
                if (v.size() >= 2 && v.get(v.size() - 2).equals(vector)) {
                    s.remove(s.size() - 1);
                    v.remove(v.size() - 1);
                }
                return;
            }
            if (!v.isEmpty() && v.get(v.size() - 1).equals(vector)) {
                return;
            }
            s.add(start);
            v.add(vector);
        }

        Knowledge ranges() {
            return new Knowledge(keys, s.toArray(new ItemId[0]), v.toArray(new ClockVector[0]),
                    Collections.emptyNavigableMap(), Collections.emptyNavigableMap());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Knowledge k && k.keys.equals(keys) && Arrays.equals(k.starts, starts)
                && Arrays.equals(k.vectors, vectors) && k.items.equals(items) && k.units.equals(units);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keys, Arrays.hashCode(starts), Arrays.hashCode(vectors), items, units);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Knowledge{");
        for (int i = 0; i < starts.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(starts[i].length() == 0 ? "*" : starts[i]).append("->").append(vectors[i]);
        }
        items.forEach((k, v) -> sb.append(", item ").append(k).append("->").append(v));
        units.forEach((k, m) -> m.forEach((c, v) -> sb.append(", unit ").append(k).append('/').append(c).append("->").append(v)));
        return sb.append('}').toString();
    }
}
