package dev.syncwright.core.memory;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictLogEntry;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.MetadataStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/** A {@link MetadataStore} in memory: for tests, and for replicas whose metadata need not survive the process. */
public final class InMemoryMetadataStore implements MetadataStore {
    private final ReplicaId replicaId;
    private final TreeMap<ItemId, ItemMetadata> items = new TreeMap<>();
    private final Map<Integer, Map<Object, ItemId>> fieldIndex = new HashMap<>();
    private final List<ConflictLogEntry> conflicts = new ArrayList<>();
    private long ticks;
    private Knowledge knowledge;
    private Knowledge forgotten;
    private Deque<Runnable> undo;

    public InMemoryMetadataStore(ReplicaId replicaId) {
        this.replicaId = Objects.requireNonNull(replicaId, "replicaId");
        ReplicaKeyMap keys = ReplicaKeyMap.forReplica(replicaId);
        this.knowledge = Knowledge.empty(keys);
        this.forgotten = Knowledge.empty(keys);
    }

    @Override
    public ReplicaId replicaId() {
        return replicaId;
    }

    @Override
    public long tickCount() {
        return ticks;
    }

    @Override
    public long nextTick() {
        long before = ticks;
        journal(() -> ticks = before);
        return ++ticks;
    }

    @Override
    public Knowledge knowledge() {
        return knowledge;
    }

    @Override
    public void saveKnowledge(Knowledge k) {
        Knowledge before = knowledge;
        journal(() -> knowledge = before);
        knowledge = Objects.requireNonNull(k);
    }

    @Override
    public Knowledge forgottenKnowledge() {
        return forgotten;
    }

    @Override
    public void saveForgottenKnowledge(Knowledge f) {
        Knowledge before = forgotten;
        journal(() -> forgotten = before);
        forgotten = Objects.requireNonNull(f);
    }

    @Override
    public ItemMetadata item(ItemId id) {
        return items.get(id);
    }

    @Override
    public void putItem(ItemMetadata m) {
        change(m.itemId(), m);
    }

    @Override
    public void removeItem(ItemId id) {
        change(id, null);
    }

    /** Replaces an item; the undo restores the item and exactly the index entries the change touched. */
    private void change(ItemId id, ItemMetadata m) {
        ItemMetadata before = items.get(id);
        if (undo != null) {
            Map<Integer, Map<Object, ItemId>> touched = new HashMap<>();
            for (ItemMetadata x : new ItemMetadata[] {before, m}) {
                if (x != null) {
                    x.customFields().forEach((f, v) -> touched.computeIfAbsent(f, k -> new HashMap<>())
                            .put(key(v), fieldIndex.getOrDefault(f, Map.of()).get(key(v))));
                }
            }
            journal(() -> {
                restore(id, before);
                touched.forEach((f, entries) -> entries.forEach((v, owner) -> {
                    Map<Object, ItemId> idx = fieldIndex.computeIfAbsent(f, k -> new HashMap<>());
                    if (owner == null) {
                        idx.remove(v);
                    } else {
                        idx.put(v, owner);
                    }
                }));
            });
        }
        restore(id, m);
    }

    private void restore(ItemId id, ItemMetadata m) {
        ItemMetadata old = m == null ? items.remove(id) : items.put(id, m);
        if (old != null) {
            old.customFields().forEach((f, v) -> {
                Map<Object, ItemId> idx = fieldIndex.get(f);
                if (idx != null && id.equals(idx.get(key(v)))) {
                    idx.remove(key(v));
                }
            });
        }
        if (m != null) {
            m.customFields().forEach((f, v) -> fieldIndex.computeIfAbsent(f, k -> new HashMap<>()).put(key(v), id));
        }
    }

    @Override
    public Iterator<ItemMetadata> items(ItemId from, ItemId toExclusive) {
        NavigableMap<ItemId, ItemMetadata> m = items;
        if (from != null) {
            m = m.tailMap(from, true);
        }
        if (toExclusive != null) {
            m = m.headMap(toExclusive, false);
        }
        return new ArrayList<>(m.values()).iterator();
    }

    @Override
    public ItemMetadata findByCustomField(int field, Object value) {
        Map<Object, ItemId> idx = fieldIndex.get(field);
        ItemId id = idx == null ? null : idx.get(key(value));
        return id == null ? null : items.get(id);
    }

    /** Index key of a custom-field value: byte arrays by content, like every other value. */
    private static Object key(Object v) {
        return v instanceof byte[] b ? java.nio.ByteBuffer.wrap(b.clone()) : v;
    }

    @Override
    public void logConflict(Conflict conflict) {
        int size = conflicts.size();
        journal(() -> conflicts.subList(size, conflicts.size()).clear());
        conflicts.add(new ConflictLogEntry(size + 1L, conflict, Instant.now(), conflict.resolution() != ConflictResolution.DEFER));
    }

    @Override
    public void resolveConflicts(ItemId id) {
        for (int i = 0; i < conflicts.size(); i++) {
            ConflictLogEntry e = conflicts.get(i);
            if (!e.resolved() && e.conflict().itemId().equals(id)) {
                int at = i;
                journal(() -> conflicts.set(at, e));
                conflicts.set(i, e.markResolved());
            }
        }
    }

    @Override
    public List<ConflictLogEntry> conflictLog() {
        return List.copyOf(conflicts);
    }

    /** Number of items recorded, tombstones included. */
    public int size() {
        return items.size();
    }

    @Override
    public void begin() {
        if (undo != null) {
            throw new SyncException("In-memory metadata store: a transaction is already open");
        }
        undo = new ArrayDeque<>();
    }

    @Override
    public void commit() {
        undo = null;
    }

    @Override
    public void rollback() {
        if (undo != null) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            undo = null;
        }
    }

    private void journal(Runnable r) {
        if (undo != null) {
            undo.push(r);
        }
    }
}
