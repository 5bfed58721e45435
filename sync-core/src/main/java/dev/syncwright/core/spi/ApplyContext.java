package dev.syncwright.core.spi;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The destination's state as a provider exposes it to the applier, inside the batch's transaction. */
public interface ApplyContext {
    /** The destination's knowledge now. */
    Knowledge knowledge();

    /** The destination's forgotten knowledge now. */
    Knowledge forgottenKnowledge();

    /** The metadata of an item, or null when the destination has no record of it. */
    @Nullable ItemMetadata item(ItemId id);

    /** Every item the destination records in [from, toExclusive) (null = open), in id order. Used by full enumerations. */
    List<ItemMetadata> itemsInRange(@Nullable ItemId from, @Nullable ItemId toExclusive);

    /** The values of a live item's change units by unit index (used for conflicts only). */
    @Nullable Object[] values(ItemId id);

    /** A fresh local tick, under the store's commit-safe rule, for versions the resolution mints. */
    long mintTick();
}
