package dev.syncwright.core.spi;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.SyncException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A batch of changes covering the item range [{@code rangeStart}, {@code rangeEnd}] (an inclusive
 * end; {@code null} means "to the end of the scope"), in item-id order, closed by the source's
 * made-with knowledge. What the destination learns from it is the made-with knowledge projected on
 * that range, minus whatever it could not apply.
 *
 * <p>In a full enumeration (the destination is out of date with the source's forgotten knowledge),
 * the batch also lists every item the source still holds in the range, so the destination can tell
 * which of its items the source deleted and forgot. Every such batch carries the source's forgotten
 * knowledge, which the destination adopts with the first range it learns: from then on it may
 * know of deletions whose tombstones it never received, and must say so to its own peers.
 *
 * <p>{@code withheld} names items of the range the source could not send (a stored value it cannot
 * read exactly), each with the reason: the made-with knowledge claims nothing about them, so they
 * come again, and the destination reports them as refused rows so that nobody takes the sync for complete.
 */
public record ChangeBatch(
        Knowledge madeWith,
        ItemId rangeStart,
        @Nullable ItemId rangeEnd,
        List<ItemChange> changes,
        boolean last,
        boolean fullEnumeration,
        List<ItemId> presentItems,
        @Nullable Knowledge sourceForgotten,
        java.util.@Nullable Map<ItemId, String> withheld) {

    public ChangeBatch(Knowledge madeWith, ItemId rangeStart, @Nullable ItemId rangeEnd, List<ItemChange> changes, boolean last,
            boolean fullEnumeration, List<ItemId> presentItems, @Nullable Knowledge sourceForgotten) {
        this(madeWith, rangeStart, rangeEnd, changes, last, fullEnumeration, presentItems, sourceForgotten, null);
    }

    public ChangeBatch {
        Objects.requireNonNull(madeWith, "madeWith");
        Objects.requireNonNull(rangeStart, "rangeStart");
        changes = List.copyOf(changes);
        presentItems = presentItems == null ? List.of() : List.copyOf(presentItems);
        withheld = withheld == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(withheld));
        if (last != (rangeEnd == null)) {
            throw new SyncException("A change batch is the last one exactly when its range is open-ended");
        }
        ItemId prev = null;
        for (ItemChange c : changes) {
            if (c.itemId().compareTo(rangeStart) < 0 || (rangeEnd != null && c.itemId().compareTo(rangeEnd) > 0)
                    || (prev != null && prev.compareTo(c.itemId()) >= 0)) {
                throw new SyncException("Change batch items must be strictly increasing and inside the batch range; "
                        + c.itemId() + " is not");
            }
            prev = c.itemId();
        }
    }

    /** The exclusive end of the range, or null for open-ended. */
    public @Nullable ItemId rangeEndExclusive() {
        return rangeEnd == null ? null : rangeEnd.successor();
    }

    /**
     * Whether applying this batch of {@code source}'s to a replica that knows {@code known} would
     * change nothing there (ADR 056): no changes, no items, nothing forgotten, no full enumeration,
     * and knowledge on its range that {@code known} holds, but for the source's own ticks above what
     * {@code known} holds of them. The source enumerated every change of its own up to its watermark
     * in that range and found none, so those ticks stamp no version there; knowing them or not
     * answers every question the same way. (SQLite moves its clock at every watermark read.)
     */
    public boolean teachesNothingTo(dev.syncwright.core.ReplicaId source, Knowledge known) {
        if (!changes.isEmpty() || !presentItems.isEmpty() || !withheld().isEmpty() || fullEnumeration || sourceForgotten != null) {
            return false;
        }
        dev.syncwright.core.ReplicaKeyMap keys = known.keys().extendedWith(madeWith.keys()).withReplica(source);
        Knowledge have = known.translatedTo(keys);
        long sourceTick = have.minimumTick(keys.keyOf(source));
        if (sourceTick < 0) {
            return false;
        }
        Knowledge learned = madeWith.translatedTo(keys).project(rangeStart, rangeEndExclusive()).withTickAtMost(keys.keyOf(source), sourceTick);
        return have.contains(learned);
    }
}
