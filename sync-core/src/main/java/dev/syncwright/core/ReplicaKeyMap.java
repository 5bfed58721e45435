package dev.syncwright.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps the small integer keys used in versions and knowledge to global {@link ReplicaId}s. Key 0
 * is the owning replica. Immutable and append-only: {@link #withReplica} returns a map that keeps
 * every existing key, so versions stored under an older map stay valid.
 */
public final class ReplicaKeyMap {
    private final List<ReplicaId> ids;
    private final Map<ReplicaId, Integer> keys;

    private ReplicaKeyMap(List<ReplicaId> ids) {
        this.ids = List.copyOf(ids);
        Map<ReplicaId, Integer> k = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            if (k.put(ids.get(i), i) != null) {
                throw new SyncException("Replica key map lists replica " + ids.get(i) + " twice");
            }
        }
        this.keys = Collections.unmodifiableMap(k);
    }

    /** A map whose key 0 is {@code self}. */
    public static ReplicaKeyMap forReplica(ReplicaId self) {
        return new ReplicaKeyMap(List.of(Objects.requireNonNull(self, "self")));
    }

    /** A map in which key i is {@code ids.get(i)}. */
    public static ReplicaKeyMap of(List<ReplicaId> ids) {
        if (ids.isEmpty()) {
            throw new SyncException("A replica key map needs at least its own replica (key 0)");
        }
        return new ReplicaKeyMap(ids);
    }

    public ReplicaId self() {
        return ids.get(0);
    }

    public int size() {
        return ids.size();
    }

    public ReplicaId replicaId(int key) {
        if (key < 0 || key >= ids.size()) {
            throw new SyncException("Replica key " + key + " is not in the key map (" + ids.size() + " replicas)");
        }
        return ids.get(key);
    }

    /** The key of a replica, or -1 when the map does not know it. */
    public int keyOf(ReplicaId id) {
        Integer k = keys.get(id);
        return k == null ? -1 : k;
    }

    /** This map if it knows {@code id}; otherwise a map with {@code id} under the next key. */
    public ReplicaKeyMap withReplica(ReplicaId id) {
        if (keys.containsKey(id)) {
            return this;
        }
        List<ReplicaId> next = new ArrayList<>(ids.size() + 1);
        next.addAll(ids);
        next.add(id);
        return new ReplicaKeyMap(next);
    }

    /** This map extended, in order, by every replica of {@code other} it does not know yet. */
    public ReplicaKeyMap extendedWith(ReplicaKeyMap other) {
        ReplicaKeyMap m = this;
        for (ReplicaId id : other.ids) {
            m = m.withReplica(id);
        }
        return m;
    }

    public List<ReplicaId> replicaIds() {
        return ids;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicaKeyMap m && m.ids.equals(ids);
    }

    @Override
    public int hashCode() {
        return ids.hashCode();
    }

    @Override
    public String toString() {
        return "ReplicaKeyMap" + ids;
    }
}
