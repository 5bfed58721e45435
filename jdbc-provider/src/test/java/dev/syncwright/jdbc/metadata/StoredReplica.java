package dev.syncwright.jdbc.metadata;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.ItemWrite;
import dev.syncwright.core.spi.MetadataStoreProvider;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A custom provider as the Metadata Storage Service is meant for: its data is a plain map (which
 * the test keeps across a "restart"), its sync metadata lives in a {@link JdbcMetadataStore}.
 * Local edits record versions as {@code MemoryReplica} does.
 */
final class StoredReplica extends MetadataStoreProvider {
    static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String m) {
            super(m);
        }
    }

    private final int columns;
    final Map<ItemId, Object[]> rows;
    private Map<ItemId, Object[]> undo;
    /** Throws on this data write (1-based, counted over the replica's life), inside the batch transaction; 0 = never. */
    int failAtWrite;
    private int writes;

    StoredReplica(JdbcMetadataStore store, Map<ItemId, Object[]> rows, int columns) {
        super(store);
        this.rows = rows;
        this.columns = columns;
    }

    void insert(ItemId id, Object... values) {
        long tick = store.nextTick();
        rows.put(id, values.clone());
        store.putItem(ItemMetadata.live(id, Version.local(tick), null, tick));
    }

    void update(ItemId id, int column, Object value) {
        Object[] row = rows.get(id);
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

    void delete(ItemId id) {
        rows.remove(id);
        long tick = store.nextTick();
        ItemMetadata m = store.item(id);
        store.putItem(ItemMetadata.tombstone(id, m.creationVersion(), Version.local(tick), tick));
    }

    @Override
    protected Object[] loadValues(ItemId id) {
        Object[] r = rows.get(id);
        if (r == null) {
            throw new SyncException("No live row " + id);
        }
        return r.clone();
    }

    @Override
    protected void writeData(ItemWrite w, ItemMetadata before) {
        if (++writes == failAtWrite) {
            throw new InjectedFailure("injected failure at data write " + writes);
        }
        ItemId id = w.itemId();
        Object[] old = rows.get(id);
        if (!undo.containsKey(id)) {
            undo.put(id, old == null ? null : old.clone());
        }
        switch (w.kind()) {
            case DELETE, FORGET -> rows.remove(id);
            case UPSERT -> {
                Object[] row = w.replaceRow() ? new Object[columns] : old.clone();
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
