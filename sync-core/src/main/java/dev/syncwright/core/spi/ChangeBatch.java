package dev.syncwright.core.spi;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.SyncException;
import java.util.List;
import java.util.Objects;

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
 */
public record ChangeBatch(
        Knowledge madeWith,
        ItemId rangeStart,
        ItemId rangeEnd,
        List<ItemChange> changes,
        boolean last,
        boolean fullEnumeration,
        List<ItemId> presentItems,
        Knowledge sourceForgotten) {

    public ChangeBatch {
        Objects.requireNonNull(madeWith, "madeWith");
        Objects.requireNonNull(rangeStart, "rangeStart");
        changes = List.copyOf(changes);
        presentItems = presentItems == null ? List.of() : List.copyOf(presentItems);
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
    public ItemId rangeEndExclusive() {
        return rangeEnd == null ? null : rangeEnd.successor();
    }
}
