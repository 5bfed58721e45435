package dev.syncwright.core.spi;

import dev.syncwright.core.ClockVector;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A provider whose sync metadata lives in a {@link MetadataStore} and whose data lives in a store
 * the subclass knows: it enumerates from the metadata, applies through the runtime's applier, and
 * asks the subclass only to read and write item values. The in-memory replica and the simple
 * providers are built on it.
 */
public abstract class MetadataStoreProvider implements SyncProvider {
    protected final MetadataStore store;

    protected MetadataStoreProvider(MetadataStore store) {
        this.store = store;
    }

    public ReplicaId replicaId() {
        return store.replicaId();
    }

    /** The current values of a live item's change units, by unit index. */
    protected abstract Object[] loadValues(ItemId id);

    /** Writes item data for one planned write; {@code before} is the metadata the item had (or null). */
    protected abstract void writeData(ItemWrite write, ItemMetadata before);

    /** Starts, commits or rolls back the data store's transaction together with the metadata store's. */
    protected void beginData() {}

    protected void commitData() {}

    protected void rollbackData() {}

    /** Called before a session reads state or enumerates; simple providers detect store changes here. */
    protected void refresh() {}

    @Override
    public ReplicaState state() {
        refresh();
        return new ReplicaState(store.replicaId(), currentKnowledge(), store.forgottenKnowledge());
    }

    /** The stored knowledge plus every local version up to the current tick. */
    protected Knowledge currentKnowledge() {
        return store.knowledge().withTick(0, store.tickCount());
    }

    @Override
    public ChangeEnumeration enumerateChanges(EnumerationRequest request) {
        refresh();
        Knowledge madeWith = currentKnowledge();
        ReplicaKeyMap keys = madeWith.keys().extendedWith(request.destinationKnowledge().keys());
        Knowledge known = request.destinationKnowledge().translatedTo(keys);
        Knowledge forgotten = request.destinationForgotten().translatedTo(keys.extendedWith(request.destinationForgotten().keys()));
        Iterator<ItemMetadata> items;
        if (request.fullEnumeration()) {
            items = store.items(null, null);
        } else {
            // What the destination knows of our own clock bounds what it can be missing (DESIGN §2).
            items = store.itemsChangedAfter(known.minimumTick(0));
        }
        return new Enumeration(items, request, madeWith, known, forgotten);
    }

    private final class Enumeration implements ChangeEnumeration {
        private final Iterator<ItemMetadata> items;
        private final EnumerationRequest request;
        private final Knowledge madeWith;
        private final Knowledge known;
        private final Knowledge forgotten;
        private ItemId nextStart = ItemId.MIN;
        private boolean done;

        Enumeration(Iterator<ItemMetadata> items, EnumerationRequest request, Knowledge madeWith, Knowledge known, Knowledge forgotten) {
            this.items = items;
            this.request = request;
            this.madeWith = madeWith;
            this.known = known;
            this.forgotten = forgotten;
        }

        @Override
        public boolean hasNext() {
            return !done;
        }

        @Override
        public ChangeBatch next() {
            if (done) {
                throw new NoSuchElementException();
            }
            List<ItemChange> changes = new ArrayList<>();
            List<ItemId> present = new ArrayList<>();
            ItemId lastId = null;
            long bytes = 0;
            int maxRows = Math.max(1, request.batchSizeRows());
            while (items.hasNext() && changes.size() < maxRows && (request.batchSizeBytes() <= 0 || bytes < request.batchSizeBytes())) {
                ItemMetadata m = items.next();
                lastId = m.itemId();
                if (request.fullEnumeration()) {
                    present.add(m.itemId());
                }
                ItemChange c = changeFor(m, known, forgotten);
                if (c != null) {
                    changes.add(c);
                    bytes += estimateBytes(c);
                }
            }
            boolean last = !items.hasNext();
            ChangeBatch b = new ChangeBatch(madeWith, nextStart, last ? null : lastId, changes, last,
                    request.fullEnumeration(), present, request.fullEnumeration() ? store.forgottenKnowledge() : null);
            if (last) {
                done = true;
            } else {
                nextStart = lastId.successor();
            }
            return b;
        }
    }

    /** What to send of item {@code m} to a destination that knows {@code known}; null when nothing. */
    protected ItemChange changeFor(ItemMetadata m, Knowledge known, Knowledge destinationForgotten) {
        ItemId id = m.itemId();
        if (m.isTombstone()) {
            return known.contains(id, m.deletionVersion()) ? null : ItemChange.tombstone(id, m.creationVersion(), m.deletionVersion());
        }
        boolean creationKnown = known.contains(id, m.creationVersion());
        java.util.TreeSet<Integer> unknown = new java.util.TreeSet<>();
        for (int u = 0; u < m.changeUnitCount(); u++) {
            if (!known.contains(id, u, m.unitVersion(u))) {
                unknown.add(u);
            }
        }
        for (int u : known.unitsWithExceptions(id)) {
            if (!known.contains(id, u, m.unitVersion(u))) {
                unknown.add(u);
            }
        }
        if (creationKnown && unknown.isEmpty()) {
            return null;
        }
        Object[] values = loadValues(id);
        // A destination that may have deleted this incarnation and forgotten it needs the whole row.
        if (!creationKnown || destinationForgotten.contains(id, m.creationVersion())) {
            int[] units = new int[values.length];
            Version[] versions = new Version[values.length];
            for (int u = 0; u < values.length; u++) {
                units[u] = u;
                versions[u] = m.unitVersion(u);
            }
            return ItemChange.live(id, m.creationVersion(), true, units, versions, values);
        }
        int[] units = unknown.stream().mapToInt(Integer::intValue).filter(u -> u < values.length).toArray();
        Version[] versions = new Version[units.length];
        Object[] vals = new Object[units.length];
        for (int i = 0; i < units.length; i++) {
            versions[i] = m.unitVersion(units[i]);
            vals[i] = values[units[i]];
        }
        return ItemChange.live(id, m.creationVersion(), false, units, versions, vals);
    }

    /** A rough size of a change for batching by bytes; subclasses that know their values do better. */
    protected long estimateBytes(ItemChange c) {
        long b = 32L + c.itemId().length();
        for (int i = 0; i < c.unitCount(); i++) {
            Object v = c.value(i);
            b += 16 + (v instanceof String s ? s.length() * 2L : v instanceof byte[] a ? a.length : 8);
        }
        return b;
    }

    @Override
    public ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier) {
        store.begin();
        beginData();
        try {
            long[] minted = {-1};
            ApplyContext ctx = new ApplyContext() {
                @Override
                public Knowledge knowledge() {
                    return currentKnowledge();
                }

                @Override
                public Knowledge forgottenKnowledge() {
                    return store.forgottenKnowledge();
                }

                @Override
                public ItemMetadata item(ItemId id) {
                    return store.item(id);
                }

                @Override
                public List<ItemMetadata> itemsInRange(ItemId from, ItemId toExclusive) {
                    List<ItemMetadata> l = new ArrayList<>();
                    store.items(from, toExclusive).forEachRemaining(l::add);
                    return l;
                }

                @Override
                public Object[] values(ItemId id) {
                    ItemMetadata m = store.item(id);
                    return m == null || m.isTombstone() ? null : loadValues(id);
                }

                @Override
                public long mintTick() {
                    if (minted[0] < 0) {
                        minted[0] = store.nextTick();
                    }
                    return minted[0];
                }
            };
            ApplyPlan plan = applier.plan(ctx);
            if (!plan.writes().isEmpty()) {
                long tick = minted[0] >= 0 ? minted[0] : store.nextTick();
                for (ItemWrite w : plan.writes()) {
                    ItemMetadata before = store.item(w.itemId());
                    writeData(w, before);
                    if (w.kind() == ItemWrite.Kind.FORGET) {
                        store.removeItem(w.itemId());
                    } else {
                        ItemMetadata after = w.toMetadata(tick);
                        store.putItem(before == null ? after : after.withCustomFields(before.customFields()));
                    }
                    store.resolveConflicts(w.itemId());
                }
            }
            store.saveKnowledge(plan.newKnowledge());
            if (plan.newForgotten() != null) {
                store.saveForgottenKnowledge(plan.newForgotten());
            }
            plan.conflicts().forEach(store::logConflict);
            store.commit();
            commitData();
            return plan;
        } catch (RuntimeException e) {
            store.rollback();
            rollbackData();
            throw e;
        }
    }

    @Override
    public Optional<FetchedItem> fetchItem(ItemId id) {
        ItemMetadata m = store.item(id);
        if (m == null) {
            return Optional.empty();
        }
        Knowledge none = Knowledge.empty(store.knowledge().keys());
        ItemChange c = changeFor(m, none, none);
        return Optional.of(new FetchedItem(store.knowledge().keys(), c));
    }

    /**
     * Forgets tombstones whose local tick is at most {@code upToTick} and records what was forgotten:
     * a destination whose knowledge does not contain it is out of date and gets a full enumeration.
     *
     * @return how many tombstones were removed
     */
    public int cleanupTombstones(long upToTick) {
        store.begin();
        try {
            List<ItemMetadata> gone = new ArrayList<>();
            store.items(null, null).forEachRemaining(m -> {
                if (m.isTombstone() && m.localTick() <= upToTick) {
                    gone.add(m);
                }
            });
            Knowledge f = store.forgottenKnowledge();
            ReplicaKeyMap keys = store.knowledge().keys();
            ClockVector v = ClockVector.EMPTY;
            for (ItemMetadata m : gone) {
                v = v.withAtLeast(m.deletionVersion().replicaKey(), m.deletionVersion().tick());
                store.removeItem(m.itemId());
            }
            if (!gone.isEmpty()) {
                store.saveForgottenKnowledge(f.merge(Knowledge.ofVector(keys, v)));
            }
            store.commit();
            return gone.size();
        } catch (RuntimeException e) {
            store.rollback();
            throw new SyncException("Tombstone cleanup failed on replica " + store.replicaId() + ": " + e.getMessage(), e);
        }
    }

    public MetadataStore metadataStore() {
        return store;
    }
}
