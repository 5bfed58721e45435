package dev.syncwright.core.memory;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.ItemWrite;
import dev.syncwright.core.spi.MetadataStoreProvider;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A replica held in memory: rows of a fixed number of columns (the change units), keyed by item id,
 * with their metadata in an {@link InMemoryMetadataStore}. Local edits record versions as a
 * database's triggers would. The reference provider for tests and examples.
 */
public final class MemoryReplica extends MetadataStoreProvider {
    private final int columns;
    private final TreeMap<ItemId, Object[]> rows = new TreeMap<>();
    private Map<ItemId, Object[]> undo;

    public MemoryReplica(ReplicaId id, int columns) {
        super(new InMemoryMetadataStore(id));
        if (columns < 1) {
            throw new SyncException("A memory replica needs at least one column, not " + columns);
        }
        this.columns = columns;
    }

    public int columns() {
        return columns;
    }

    // ---- local edits ----

    /** Inserts (or re-inserts over a tombstone) a row; every column gets the new creation version. */
    public void insert(ItemId id, Object... values) {
        if (values.length != columns) {
            throw new SyncException("Row " + id + " needs " + columns + " values, got " + values.length);
        }
        if (rows.containsKey(id)) {
            throw new SyncException("Row " + id + " already exists");
        }
        long tick = store.nextTick();
        rows.put(id, values.clone());
        store.putItem(ItemMetadata.live(id, Version.local(tick), null, tick));
    }

    /** Updates one column; a write of the same value changes nothing (as a trigger comparing values). */
    public void update(ItemId id, int column, Object value) {
        Object[] row = rows.get(id);
        if (row == null) {
            throw new SyncException("Row " + id + " does not exist");
        }
        if (Objects.equals(row[column], value)) {
            return;
        }
        long tick = store.nextTick();
        row[column] = value;
        ItemMetadata m = store.item(id);
        Version[] v = Arrays.copyOf(m.unitVersions(), Math.max(m.changeUnitCount(), column + 1));
        v[column] = Version.local(tick);
        store.putItem(ItemMetadata.live(id, m.creationVersion(), v, tick));
    }

    public void delete(ItemId id) {
        if (rows.remove(id) == null) {
            throw new SyncException("Row " + id + " does not exist");
        }
        long tick = store.nextTick();
        ItemMetadata m = store.item(id);
        store.putItem(ItemMetadata.tombstone(id, m.creationVersion(), Version.local(tick), tick));
    }

    /** The row's values, or null when there is no live row. */
    public Object[] get(ItemId id) {
        Object[] r = rows.get(id);
        return r == null ? null : r.clone();
    }

    /** A copy of every live row. */
    public NavigableMap<ItemId, Object[]> rows() {
        TreeMap<ItemId, Object[]> copy = new TreeMap<>();
        rows.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableNavigableMap(copy);
    }

    public InMemoryMetadataStore metadata() {
        return (InMemoryMetadataStore) store;
    }

    // ---- provider data hooks ----

    @Override
    protected Object[] loadValues(ItemId id) {
        Object[] r = rows.get(id);
        if (r == null) {
            throw new SyncException("Memory replica " + replicaId() + " has no live row " + id);
        }
        return r.clone();
    }

    @Override
    protected int unitCount(ItemMetadata m) {
        return columns;
    }

    @Override
    protected void writeData(ItemWrite w, ItemMetadata before) {
        ItemId id = w.itemId();
        Object[] old = rows.get(id);
        if (undo != null && !undo.containsKey(id)) {
            undo.put(id, old == null ? null : old.clone());
        }
        switch (w.kind()) {
            case DELETE, FORGET -> rows.remove(id);
            case UPSERT -> {
                Object[] row;
                if (w.replaceRow()) {
                    row = new Object[columns];
                } else if (old != null) {
                    row = old.clone();
                } else {
                    throw new SyncException("Write of values to row " + id + " which does not exist on replica " + replicaId());
                }
                for (int i = 0; i < w.valueUnits().length; i++) {
                    row[w.valueUnits()[i]] = w.values()[i];
                }
                rows.put(id, row);
            }
        }
    }

    @Override
    protected void beginData() {
        undo = new HashMap<>();
    }

    @Override
    protected void commitData() {
        undo = null;
    }

    @Override
    protected void rollbackData() {
        if (undo != null) {
            undo.forEach((id, row) -> {
                if (row == null) {
                    rows.remove(id);
                } else {
                    rows.put(id, row);
                }
            });
            undo = null;
        }
    }
}
