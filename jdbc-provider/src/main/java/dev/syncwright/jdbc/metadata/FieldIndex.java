package dev.syncwright.jdbc.metadata;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.ItemMetadata;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The custom-field index table, with the in-memory store's semantics: one entry per (field, value)
 * pointing at the item put last with it; an item's entries go when it is put again or removed.
 *
 * <p>It costs an item write one statement per custom field and one more, several times the write
 * of the item row itself, so a caller that never looks items up by a field may open the store
 * without it ({@link JdbcMetadataStore.Builder#customFieldIndex}). The tables then carry a marker
 * entry (field {@link #UNMAINTAINED}, which no lookup of a real field meets): a later open with the
 * index rebuilds it from the items before anything else, so an index that was not kept up is never
 * read. After such a rebuild, of several items sharing a value the one with the greatest id is
 * found (the order in which they were put is not known any more).
 */
final class FieldIndex {
    /** The marker's field id: custom field ids of simple providers are never negative. */
    static final int UNMAINTAINED = -1;
    private static final byte[] MARKER = {0};

    private final Db db;
    private final Tables t;
    private final String name;
    private final boolean kept;
    private final String upsert;
    private final String dropItem;

    FieldIndex(Db db, Tables t, boolean kept) {
        this.db = db;
        this.t = t;
        this.name = t.fieldIndex;
        this.kept = kept;
        this.upsert = t.upsert(false, List.of(Tables.FIELD_ID, Tables.VALUE_KEY, Tables.ITEM_ID), 2);
        this.dropItem = t.deleteIndexOf();
    }

    boolean kept() {
        return kept;
    }

    /**
     * At open: without the index, marks the tables so; with it, rebuilds an index that an open
     * without it left behind ({@code items} reads every item, in pages).
     */
    void open(java.util.function.Supplier<Iterator<ItemMetadata>> items) {
        boolean marked = db.query("Reading the state of", name, t.anyOfField(),
                ps -> ps.setInt(1, UNMAINTAINED), rs -> rs.next());
        if (!kept) {
            if (!marked) {
                db.update("Marking the custom-field index unmaintained in", name, upsert, ps -> {
                    ps.setInt(1, UNMAINTAINED);
                    ps.setBytes(2, MARKER);
                    ps.setBytes(3, new byte[0]);
                });
            }
            return;
        }
        if (marked) {
            db.begin(t.prefix + "*");
            try {
                db.update("Clearing", name, t.clearIndex(), Db.NONE);
                items.get().forEachRemaining(m -> add(m.itemId(), m.itemId().toBytes(), entries(m.itemId(), m.customFields())));
                db.commit(t.prefix + "*");
            } catch (RuntimeException e) {
                db.rollback(t.prefix + "*");
                throw e;
            }
        }
    }

    /** The entries of an item's fields, encoded (so that an unsupported value fails before any write). */
    List<Object[]> entries(ItemId id, Map<Integer, Object> fields) {
        if (!kept) {
            return List.of();
        }
        List<Object[]> index = new ArrayList<>(fields.size());
        fields.forEach((f, v) -> index.add(new Object[] {f, key(f, v)}));
        return index;
    }

    /** Replaces the item's entries with {@code entries}, inside the caller's transaction. */
    void put(ItemId id, byte[] itemKey, List<Object[]> entries) {
        if (!kept) {
            return;
        }
        // The entries pointing at this item are exactly its old fields' that no other item took
        // over since, which is what the in-memory store drops before adding the new ones.
        drop(id, itemKey);
        add(id, itemKey, entries);
    }

    private void add(ItemId id, byte[] itemKey, List<Object[]> entries) {
        for (Object[] e : entries) {
            db.update("Indexing custom field " + e[0] + " of item " + id + " in", name, upsert, ps -> {
                ps.setInt(1, (Integer) e[0]);
                ps.setBytes(2, (byte[]) e[1]);
                ps.setBytes(3, itemKey);
            });
        }
    }

    void drop(ItemId id, byte[] itemKey) {
        if (kept) {
            db.update("Dropping the custom-field entries of item " + id + " from", name, dropItem, ps -> ps.setBytes(1, itemKey));
        }
    }

    /** The lookup's key, refusing a store without the index. */
    byte[] lookupKey(int field, Object value) {
        if (!kept) {
            throw new SyncException("Metadata store tables " + t.prefix + "* were opened without a custom-field index"
                    + " (customFieldIndex(false)): findByCustomField is not available; open them with the index");
        }
        return key(field, value);
    }

    private static byte[] key(int field, Object value) {
        try {
            return Values.indexKey(value);
        } catch (Values.Unsupported e) {
            throw new UnsupportedValueException("Custom field " + field + ": " + e.getMessage());
        }
    }
}
