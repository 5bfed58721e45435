package dev.syncwright.core.spi;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns a source's items, offered in item-id order, into change batches for one destination: decides
 * per item what to send (nothing, a tombstone, the unknown change units, or the full row), and cuts
 * batches by rows and bytes with contiguous ranges. Shared by every provider that enumerates, so
 * that "what the destination is missing" is decided in one place.
 */
public final class ChangeBatcher {
    private final EnumerationRequest request;
    private final Knowledge madeWith;
    private final Knowledge known;
    private final Knowledge destinationForgotten;
    private final Knowledge sourceForgotten;
    private List<ItemChange> changes = new ArrayList<>();
    private List<ItemId> present = new ArrayList<>();
    private List<ItemId> unstable = new ArrayList<>();
    private java.util.Map<ItemId, String> withheld = new java.util.LinkedHashMap<>();
    private ItemId start = ItemId.MIN;
    private ItemId lastOffered;
    private long bytes;
    private boolean finished;

    /**
     * @param madeWith        the source's knowledge at enumeration time, its own entry at a tick up to
     *                        which every local change is committed and visible to this enumeration
     * @param sourceForgotten the source's forgotten knowledge (sent with full enumerations)
     */
    public ChangeBatcher(EnumerationRequest request, Knowledge madeWith, Knowledge sourceForgotten) {
        this.request = request;
        this.madeWith = madeWith;
        ReplicaKeyMap keys = madeWith.keys().extendedWith(request.destinationKnowledge().keys())
                .extendedWith(request.destinationForgotten().keys());
        this.known = request.destinationKnowledge().translatedTo(keys);
        this.destinationForgotten = request.destinationForgotten().translatedTo(keys);
        this.sourceForgotten = sourceForgotten;
    }

    /** The lowest local tick the destination may be missing: items at or below it need not be offered. */
    public long lowerBoundTick() {
        return request.fullEnumeration() ? -1 : known.minimumTick(0);
    }

    /**
     * Offers the next item (ids strictly increasing). {@code values} is called only when values
     * travel; it returns the item's values by change-unit index, {@code unitCount} long.
     *
     * @return a completed batch when this item filled one, else null
     */
    public @Nullable ChangeBatch offer(ItemMetadata item, int unitCount, Supplier<@Nullable Object[]> values) {
        lastOffered = item.itemId();
        if (request.fullEnumeration()) {
            present.add(item.itemId());
        }
        ItemChange c = changeFor(item, unitCount, known, destinationForgotten, values);
        if (c != null) {
            changes.add(c);
            bytes += estimateBytes(c);
        }
        boolean full = changes.size() >= Math.max(1, request.batchSizeRows())
                || (request.batchSizeBytes() > 0 && bytes >= request.batchSizeBytes());
        return full ? cut(false) : null;
    }

    /**
     * Offers an item whose metadata is not final yet (a change still being stamped): nothing of it is
     * sent, and the batch's made-with knowledge claims nothing about it, so it comes again whole.
     */
    public @Nullable ChangeBatch offerUnstable(ItemId id) {
        lastOffered = id;
        unstable.add(id);
        if (request.fullEnumeration()) {
            present.add(id);
        }
        return null;
    }

    /**
     * Offers an item the source cannot send ({@code reason}: a stored value it cannot read exactly):
     * nothing of it travels, the batch claims nothing about it, and the destination reports it.
     */
    public @Nullable ChangeBatch offerWithheld(ItemId id, String reason) {
        offerUnstable(id);
        withheld.put(id, reason);
        return null;
    }

    /** The last batch (possibly empty), covering everything after the previous batch. */
    public ChangeBatch finish() {
        if (finished) {
            throw new IllegalStateException("enumeration already finished");
        }
        finished = true;
        return cut(true);
    }

    private ChangeBatch cut(boolean last) {
        Knowledge m = madeWith;
        for (ItemId id : unstable) {
            m = m.excludeItem(id);
        }
        ChangeBatch b = new ChangeBatch(m, start, last ? null : lastOffered, changes, last,
                request.fullEnumeration(), present, request.fullEnumeration() ? sourceForgotten : null, withheld);
        if (!last) {
            start = lastOffered.successor();
        }
        changes = new ArrayList<>();
        present = new ArrayList<>();
        unstable = new ArrayList<>();
        withheld = new java.util.LinkedHashMap<>();
        bytes = 0;
        return b;
    }

    /** What to send of {@code m} to a destination that knows {@code known}; null when nothing. */
    public static ItemChange changeFor(ItemMetadata m, int unitCount, Knowledge known, Knowledge destinationForgotten,
            Supplier<Object[]> valuesSupplier) {
        ItemId id = m.itemId();
        if (m.isTombstone()) {
            return known.contains(id, m.deletionVersion()) ? null : ItemChange.tombstone(id, m.creationVersion(), m.deletionVersion());
        }
        boolean creationKnown = known.contains(id, m.creationVersion());
        TreeSet<Integer> unknown = new TreeSet<>();
        for (int u = 0; u < m.changeUnitCount(); u++) {
            if (!known.contains(id, u, m.unitVersion(u))) {
                unknown.add(u);
            }
        }
        // A unit still at the creation version is judged by the item vector, unless the
        // destination has an exception for that unit.
        for (int u : known.unitsWithExceptions(id)) {
            if (u < unitCount && !known.contains(id, u, m.unitVersion(u))) {
                unknown.add(u);
            }
        }
        if (creationKnown && unknown.isEmpty()) {
            return null;
        }
        Object[] values = valuesSupplier.get();
        // A destination that may have deleted this incarnation and forgotten it needs the whole row.
        if (!creationKnown || destinationForgotten.contains(id, m.creationVersion())) {
            int[] units = new int[unitCount];
            Version[] versions = new Version[unitCount];
            for (int u = 0; u < unitCount; u++) {
                units[u] = u;
                versions[u] = m.unitVersion(u);
            }
            return ItemChange.live(id, m.creationVersion(), true, units, versions, values);
        }
        int[] units = unknown.stream().mapToInt(Integer::intValue).toArray();
        Version[] versions = new Version[units.length];
        Object[] vals = new Object[units.length];
        for (int i = 0; i < units.length; i++) {
            versions[i] = m.unitVersion(units[i]);
            vals[i] = values[units[i]];
        }
        return ItemChange.live(id, m.creationVersion(), false, units, versions, vals);
    }

    /** A rough size for batching by bytes. */
    static long estimateBytes(ItemChange c) {
        long b = 32L + c.itemId().length();
        for (int i = 0; i < c.unitCount(); i++) {
            Object v = c.value(i);
            b += 16 + (v instanceof CharSequence s ? s.length() * 2L : v instanceof byte[] a ? a.length : 8);
        }
        return b;
    }
}
