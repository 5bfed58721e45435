package dev.syncwright.core.simple;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.ItemWrite;
import dev.syncwright.core.spi.MetadataStore;
import dev.syncwright.core.spi.MetadataStoreProvider;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A provider for a store that keeps no sync metadata of its own: Syncwright keeps the metadata in a
 * {@link MetadataStore} and derives the store's changes itself, before every session, from the
 * custom fields described by an {@link ItemMetadataSchema}. Two kinds exist:
 * {@link FullEnumerationSimpleProvider} (the store lists its items) and {@link AnchorSimpleProvider}
 * (the store tells what changed since an anchor).
 *
 * <p>Changes are recorded as a database's triggers would: a new identity gets a new creation version
 * (every change unit at it); a change of the version fields of unit u gives u, and only u, a new
 * version; an identity that disappeared becomes a tombstone, and one that comes back afterwards is a
 * new incarnation. Each detection pass is one metadata transaction and uses at most one tick, taken
 * only when it finds a change, so an idle pass leaves the clock (and the knowledge) as it was.
 *
 * <p>Sealed: what varies between stores is the {@link SimpleItemStore} the user implements, not the
 * provider; the metadata and enumeration logic of {@link MetadataStoreProvider} is not meant to be
 * overridden here.
 */
public abstract sealed class SimpleProvider extends MetadataStoreProvider permits FullEnumerationSimpleProvider, AnchorSimpleProvider {
    final ItemMetadataSchema schema;
    final SimpleMetadataStore meta;
    private final SimpleItemStore items;

    SimpleProvider(ItemMetadataSchema schema, MetadataStore metadata, SimpleItemStore items, ItemId hidden) {
        super(new SimpleMetadataStore(metadata, hidden));
        this.schema = Objects.requireNonNull(schema, "schema");
        this.items = Objects.requireNonNull(items, "item store");
        this.meta = (SimpleMetadataStore) store;
    }

    public ItemMetadataSchema schema() {
        return schema;
    }

    /** What one detection pass recorded. */
    public record Detection(int inserted, int updated, int deleted) {
        public int total() {
            return inserted + updated + deleted;
        }
    }

    /**
     * Detects the store's changes now and records them in the metadata store. Every session does this
     * by itself (through {@link #refresh()}); call it to record changes earlier, or to see what the
     * store changed.
     */
    public final Detection detectChanges() {
        meta.begin();
        try {
            Pass pass = new Pass();
            detect(pass);
            meta.commit();
            return new Detection(pass.inserted, pass.updated, pass.deleted);
        } catch (RuntimeException e) {
            undo(e, meta::rollback);
            throw e;
        }
    }

    /** One detection pass, inside the metadata transaction: report every present and vanished item to {@code pass}. */
    abstract void detect(Pass pass);

    /**
     * Detect at most once per sync (from the first session's start until {@link #endSession}),
     * instead of before every session and enumeration. A two-way sync then scans the store once
     * rather than three times, which matters for a large store that can only be listed whole. The
     * price: an edit made while a sync runs is detected by the next sync rather than by this one's
     * second session. Sound because the provider records its own writes as it makes them, so the
     * metadata stays exact without a new pass. Off by default.
     */
    public final void detectOncePerSync(boolean once) {
        this.detectOnce = once;
    }

    private boolean detectOnce;
    private boolean detectedThisSync;

    @Override
    protected final void refresh() {
        if (detectOnce && detectedThisSync) {
            return;
        }
        detectChanges();
        detectedThisSync = true;
    }

    @Override
    public void endSession(boolean success) {
        detectedThisSync = false;
        super.endSession(success);
    }

    /** Records what a detection pass finds, with one lazily taken tick for the whole pass. */
    final class Pass {
        private long tick = -1;
        int inserted;
        int updated;
        int deleted;

        private long tick() {
            if (tick < 0) {
                tick = meta.nextTick();
            }
            return tick;
        }

        /** The store holds item {@code id} with these (checked) fields. */
        void present(ItemId id, ItemFields reported) {
            ItemMetadata m = meta.item(id);
            if (m == null || m.isTombstone()) {
                long t = tick();
                meta.putItem(new ItemMetadata(id, Version.local(t), null, null, t, schema.storedFields(reported)));
                inserted++;
                return;
            }
            Version[] v = null;
            for (int u = 0; u < schema.changeUnitCount(); u++) {
                if (schema.unitChanged(u, m.customFields(), reported)) {
                    if (v == null) {
                        v = Arrays.copyOf(m.unitVersions(), Math.max(m.changeUnitCount(), schema.changeUnitCount()));
                    }
                    v[u] = Version.local(tick());
                }
            }
            if (v != null) {
                meta.putItem(new ItemMetadata(id, m.creationVersion(), null, v, tick(), schema.storedFields(reported)));
                updated++;
            } else if (schema.localFieldsChanged(m.customFields(), reported)) {
                // Only what the store remembers for itself changed: keep versions and tick, so nothing travels.
                meta.putItem(m.withCustomFields(schema.storedFields(reported)));
            }
        }

        /** The store holds item {@code id} with the fields recorded for it: nothing to do. */
        void unchanged(ItemId id) {
            ItemMetadata m = meta.item(id);
            if (m == null || m.isTombstone()) {
                throw new SyncException("The item store listed item " + id + " as unchanged, but the metadata store holds no live item"
                        + " with that id; only an item read from the metadata store can be unchanged");
            }
        }

        /** The store no longer holds item {@code id}. */
        void gone(ItemId id) {
            ItemMetadata m = meta.item(id);
            if (m != null && !m.isTombstone()) {
                long t = tick();
                meta.putItem(new ItemMetadata(id, m.creationVersion(), Version.local(t), null, t, identityFields(id)));
                deleted++;
            }
        }
    }

    private Map<Integer, Object> identityFields(ItemId id) {
        return schema.identityFields(schema.identity(id));
    }

    // ---- data hooks of MetadataStoreProvider ----

    @Override
    protected final Object[] loadValues(ItemId id) {
        ItemFields identity = schema.identity(id);
        Object[] values = items.load(identity);
        if (values == null) {
            throw new SyncException("The item store no longer holds item " + identity + " (replica " + replicaId()
                    + "); it was deleted after the last detection pass. Sync again: the next pass records the deletion");
        }
        if (values.length != schema.changeUnitCount()) {
            throw new SyncException("The item store loaded " + values.length + " values for item " + identity + "; the schema has "
                    + schema.changeUnitCount() + " change units, one value each");
        }
        return values.clone();
    }

    /**
     * The schema fixes it ({@link #loadValues} refuses any other count), so enumerating needs no
     * load per offered item: an enumeration that sends nothing of most items reads none of them.
     */
    @Override
    protected final int unitCount(ItemMetadata m) {
        return schema.changeUnitCount();
    }

    @Override
    protected final void writeData(ItemWrite w, ItemMetadata before) {
        meta.checkWritable(w.itemId());
        ItemFields identity = schema.identity(w.itemId());
        boolean live = before != null && !before.isTombstone();
        Map<Integer, Object> fields;
        switch (w.kind()) {
            case DELETE, FORGET -> {
                if (live) {
                    items.delete(ItemFields.of(before.customFields()).withAll(identity));
                }
                fields = schema.identityFields(identity);
            }
            case UPSERT -> {
                int n = schema.changeUnitCount();
                int[] units = w.valueUnits().clone();
                Object[] values = w.values().clone();
                sortByUnit(units, values, w);
                if (w.replaceRow()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < units.length; i++) {
                        row[units[i]] = values[i];
                    }
                    int[] all = new int[n];
                    Arrays.setAll(all, i -> i);
                    ItemFields after = live ? items.update(ItemFields.of(before.customFields()).withAll(identity), all, row)
                            : items.insert(identity, row);
                    fields = recorded(identity, null, after, all);
                } else if (units.length > 0) {
                    if (!live) {
                        throw new SyncException("Write of change units " + Arrays.toString(units) + " to item " + identity
                                + ", which replica " + replicaId() + " does not hold");
                    }
                    ItemFields after = items.update(ItemFields.of(before.customFields()).withAll(identity), units, values);
                    fields = recorded(identity, before.customFields(), after, units);
                } else {
                    // Versions only (a conflict the destination's value won): the data and its version fields stay.
                    if (!live) {
                        throw new SyncException("Write of versions only to item " + identity + ", which replica " + replicaId() + " does not hold");
                    }
                    fields = before.customFields();
                }
            }
            default -> throw new IllegalStateException(w.kind().toString());
        }
        meta.recordNext(w.itemId(), fields);
    }

    private void sortByUnit(int[] units, Object[] values, ItemWrite w) {
        int n = schema.changeUnitCount();
        if (units.length != values.length) {
            throw new SyncException("Write to item " + w.itemId() + " has " + units.length + " units but " + values.length + " values");
        }
        for (int i = 1; i < units.length; i++) { // few units: an insertion sort keeps values aligned
            for (int j = i; j > 0 && units[j - 1] > units[j]; j--) {
                int u = units[j];
                units[j] = units[j - 1];
                units[j - 1] = u;
                Object v = values[j];
                values[j] = values[j - 1];
                values[j - 1] = v;
            }
        }
        for (int i = 0; i < units.length; i++) {
            if (units[i] < 0 || units[i] >= n || (i > 0 && units[i] == units[i - 1])) {
                throw new SyncException("Write to item " + w.itemId() + " names change unit " + units[i] + "; the schema has units 0.."
                        + (n - 1));
            }
        }
    }

    /**
     * The custom fields to record after a sync write: the identity, the version fields the store
     * returned for the written units, and the previously recorded version fields of the others (a
     * local edit to those since the last pass must still be detected); local fields as returned,
     * else as recorded before.
     */
    private Map<Integer, Object> recorded(ItemFields identity, Map<Integer, Object> before, ItemFields after, int[] written) {
        if (after == null) {
            throw new SyncException("The item store returned no version fields after writing item " + identity
                    + "; return them so that the write is not detected as a local change");
        }
        schema.check(withIdentity(after, identity), false, "Version fields returned after writing " + identity);
        Map<Integer, Object> m = new TreeMap<>(schema.identityFields(identity));
        if (before != null) {
            for (int u = 0; u < schema.changeUnitCount(); u++) {
                for (int f : schema.versionFields(u)) {
                    if (before.containsKey(f)) {
                        m.put(f, before.get(f));
                    }
                }
            }
        }
        for (int f : schema.localFieldIds()) {
            if (after.contains(f)) {
                m.put(f, after.get(f));
            } else if (before != null && before.containsKey(f)) {
                m.put(f, before.get(f));
            }
        }
        for (int u : written) {
            for (int f : schema.versionFields(u)) {
                if (!after.contains(f)) {
                    throw new SyncException("The item store returned " + after + " after writing change unit " + u + " of item " + identity
                            + ", without version field " + f + "; return every version field of the written units");
                }
                m.put(f, after.get(f));
            }
        }
        return m;
    }

    /** {@code fields} with the identity fields set, so a store may return version fields alone. */
    private ItemFields withIdentity(ItemFields fields, ItemFields identity) {
        ItemFields f = fields;
        for (int id : schema.identityRule().fieldIds()) {
            if (f.contains(id) && !ItemFields.sameValue(f.raw(id), identity.raw(id))) {
                throw new SyncException("The item store returned identity " + f + " after writing item " + identity
                        + "; a write must not change an item's identity");
            }
            f = f.with(id, identity.raw(id));
        }
        return f;
    }

    @Override
    protected final void beginData() {
        meta.clearPending();
    }

    @Override
    protected final void commitData() {
        meta.clearPending();
    }

    @Override
    protected final void rollbackData() {
        meta.clearPending();
    }
}
