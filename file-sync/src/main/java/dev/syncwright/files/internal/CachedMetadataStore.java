package dev.syncwright.files.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.spi.ForwardingMetadataStore;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.MetadataStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The replica's metadata store (the SQLite file) with every item also held in memory: a scan
 * compares every file with its record several times per sync, which must cost a map lookup, not a
 * query (an idle re-sync of 100,000 files should take well under a second). Writes go through to
 * the store in the same transaction; a rollback undoes the memory too.
 *
 * <p>In a preview ({@link #detach()}) nothing reaches the store any more: the sync runs against
 * memory only, and {@link #reload()} forgets it.
 *
 * <p>Conflict values are written to the log as text: file contents travel as {@link FileContent}
 * references, which the store has no column type for.
 */
final class CachedMetadataStore extends ForwardingMetadataStore {
    private final Runnable beforeCommit;
    private final Runnable afterRollback;
    private TreeMap<ItemId, ItemMetadata> items;
    /** The same items by id: a detection pass looks every file's item up, which a hash does in one step, not twenty. */
    private HashMap<ItemId, ItemMetadata> byId;
    private long ticks;
    /**
     * No item held has a local tick above this (it only grows until the next reload): a session
     * asking for the changes after the tick its peer already knows, the idle case, gets none
     * without a pass over every item.
     */
    private long maxLocalTick;
    private Knowledge knowledge;
    private Knowledge forgotten;
    private Deque<Runnable> undo;
    private boolean detached;

    CachedMetadataStore(MetadataStore delegate, Runnable beforeCommit, Runnable afterRollback) {
        super(Objects.requireNonNull(delegate, "metadata store"));
        this.beforeCommit = beforeCommit;
        this.afterRollback = afterRollback;
        reload();
    }

    /** (Re)reads everything from the store, ending a preview. */
    void reload() {
        TreeMap<ItemId, ItemMetadata> m = new TreeMap<>();
        delegate.items(null, null).forEachRemaining(i -> m.put(i.itemId(), i));
        items = m;
        maxLocalTick = 0;
        m.values().forEach(i -> maxLocalTick = Math.max(maxLocalTick, i.localTick()));
        byId = new HashMap<>(m);
        ticks = delegate.tickCount();
        knowledge = delegate.knowledge();
        forgotten = delegate.forgottenKnowledge();
        undo = null;
        detached = false;
    }

    /** From now on, writes stay in memory. */
    void detach() {
        detached = true;
    }

    private boolean through() {
        return !detached;
    }

    private void journal(Runnable r) {
        if (undo != null) {
            undo.push(r);
        }
    }

    @Override
    public long tickCount() {
        return ticks;
    }

    @Override
    public long nextTick() {
        long before = ticks;
        journal(() -> ticks = before);
        ticks = through() ? delegate.nextTick() : ticks + 1;
        return ticks;
    }

    @Override
    public Knowledge knowledge() {
        return knowledge;
    }

    @Override
    public void saveKnowledge(Knowledge k) {
        if (through()) {
            delegate.saveKnowledge(k);
        }
        Knowledge before = knowledge;
        journal(() -> knowledge = before);
        knowledge = k;
    }

    @Override
    public Knowledge forgottenKnowledge() {
        return forgotten;
    }

    @Override
    public void saveForgottenKnowledge(Knowledge f) {
        if (through()) {
            delegate.saveForgottenKnowledge(f);
        }
        Knowledge before = forgotten;
        journal(() -> forgotten = before);
        forgotten = f;
    }

    @Override
    public ItemMetadata item(ItemId id) {
        return byId.get(id);
    }

    @Override
    public void putItem(ItemMetadata m) {
        if (through()) {
            delegate.putItem(m);
        }
        ItemMetadata before = items.put(m.itemId(), m);
        byId.put(m.itemId(), m);
        maxLocalTick = Math.max(maxLocalTick, m.localTick()); // not lowered by an undo: a higher bound only costs the pass
        journal(() -> restore(m.itemId(), before));
    }

    @Override
    public void removeItem(ItemId id) {
        if (through()) {
            delegate.removeItem(id);
        }
        ItemMetadata before = items.remove(id);
        byId.remove(id);
        journal(() -> restore(id, before));
    }

    private void restore(ItemId id, ItemMetadata before) {
        if (before == null) {
            items.remove(id);
            byId.remove(id);
        } else {
            items.put(id, before);
            byId.put(id, before);
        }
    }

    /** Every item, in id order, without a snapshot: the caller must not write meanwhile. */
    void forEachItem(java.util.function.Consumer<ItemMetadata> action) {
        items.values().forEach(action);
    }

    /** A snapshot, so callers may write while they iterate. */
    @Override
    public Iterator<ItemMetadata> items(ItemId from, ItemId toExclusive) {
        java.util.NavigableMap<ItemId, ItemMetadata> m = items;
        if (from != null) {
            m = m.tailMap(from, true);
        }
        if (toExclusive != null) {
            m = m.headMap(toExclusive, false);
        }
        return new ArrayList<>(m.values()).iterator();
    }

    @Override
    public Iterator<ItemMetadata> itemsChangedAfter(long tick) {
        if (tick >= maxLocalTick) {
            return java.util.Collections.emptyIterator();
        }
        List<ItemMetadata> l = new ArrayList<>();
        for (ItemMetadata m : items.values()) {
            if (m.localTick() > tick) {
                l.add(m);
            }
        }
        return l.iterator();
    }

    @Override
    public ItemMetadata findByCustomField(int field, Object value) {
        ItemMetadata found = null;
        for (ItemMetadata m : items.values()) {
            if (java.util.Objects.deepEquals(m.customFields().get(field), value)) {
                found = m; // the item put last with it wins, as in the other stores; ids order stands in here
            }
        }
        return found;
    }

    @Override
    public void logConflict(Conflict c) {
        if (through()) {
            delegate.logConflict(new Conflict(c.kind(), c.itemId(), c.changeUnits(), c.source(), c.destination(), c.destinationIsRemote(),
                    plain(c.sourceValues()), plain(c.destinationValues()), c.resolution()));
        }
    }

    private static Object[] plain(Object[] values) {
        if (values == null) {
            return null;
        }
        Object[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null && !(v[i] instanceof String)) {
                v[i] = v[i].toString();
            }
        }
        return v;
    }

    @Override
    public void resolveConflicts(ItemId id) {
        if (through()) {
            delegate.resolveConflicts(id);
        }
    }

    @Override
    public void begin() {
        undo = new ArrayDeque<>();
        if (through()) {
            delegate.begin();
        }
    }

    @Override
    public void commit() {
        if (through()) {
            beforeCommit.run();
            delegate.commit();
        }
        undo = null;
    }

    @Override
    public void rollback() {
        try {
            if (through()) {
                try {
                    delegate.rollback();
                } finally {
                    afterRollback.run();
                }
            }
        } finally {
            Deque<Runnable> u = undo;
            undo = null;
            if (u != null) {
                u.forEach(Runnable::run);
            }
        }
    }
}
