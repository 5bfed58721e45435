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
        ChangeBatcher batcher = new ChangeBatcher(request, currentKnowledge(), store.forgottenKnowledge());
        // What the destination knows of our own clock bounds what it can be missing (DESIGN §2).
        Iterator<ItemMetadata> items = request.fullEnumeration() ? store.items(null, null)
                : store.itemsChangedAfter(batcher.lowerBoundTick());
        return new ChangeEnumeration() {
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public ChangeBatch next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                while (items.hasNext()) {
                    ItemMetadata m = items.next();
                    ChangeBatch b = batcher.offer(m, m.isTombstone() ? 0 : unitCount(m), () -> loadValues(m.itemId()));
                    if (b != null) {
                        return b;
                    }
                }
                done = true;
                return batcher.finish();
            }
        };
    }

    /** The number of change units of a live item; by default as many as its stored values. */
    protected int unitCount(ItemMetadata m) {
        return loadValues(m.itemId()).length;
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
            undo(e, store::rollback);
            undo(e, this::rollbackData);
            throw e;
        }
    }

    /**
     * Runs one step of undoing {@code failure}'s transaction; a step that fails too is added to it
     * as suppressed, so that the cause stays the error reported and the other steps still run (a
     * SQLite store that hit a full disk has rolled back by itself, and rolling back again fails with
     * "no transaction is active", which would hide the full disk).
     */
    protected static void undo(RuntimeException failure, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException r) {
            failure.addSuppressed(r);
        }
    }

    @Override
    public Optional<FetchedItem> fetchItem(ItemId id) {
        ItemMetadata m = store.item(id);
        if (m == null) {
            return Optional.empty();
        }
        Knowledge none = Knowledge.empty(store.knowledge().keys());
        ItemChange c = ChangeBatcher.changeFor(m, m.isTombstone() ? 0 : unitCount(m), none, none, () -> loadValues(id));
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
            undo(e, store::rollback);
            throw new SyncException("Tombstone cleanup failed on replica " + store.replicaId() + ": " + e.getMessage(), e);
        }
    }

    public MetadataStore metadataStore() {
        return store;
    }
}
