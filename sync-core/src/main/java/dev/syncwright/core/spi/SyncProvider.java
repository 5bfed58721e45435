package dev.syncwright.core.spi;

import dev.syncwright.core.ItemId;
import java.util.Optional;

/**
 * A store taking part in synchronization. The runtime calls, per one-way session: {@link #state()}
 * on the destination, {@link #enumerateChanges} on the source, and {@link #applyChanges} on the
 * destination once per batch. Providers do store work only; the runtime's {@link BatchApplier}
 * decides what to write.
 */
public interface SyncProvider extends AutoCloseable {
    /** The replica's id, knowledge and forgotten knowledge, as of now. */
    ReplicaState state();

    /**
     * Enumerates, in item-id order, every item or change unit whose version the destination's
     * knowledge does not contain, in batches closed by this replica's made-with knowledge.
     */
    ChangeEnumeration enumerateChanges(EnumerationRequest request);

    /**
     * Applies one batch atomically: within one transaction, let {@code applier} plan against the
     * local state (through an {@link ApplyContext}), write the plan's item writes, knowledge,
     * forgotten knowledge and conflict records, and commit. Either all of it lands or none.
     */
    ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier);

    /** The full current state of an item (a tombstone or every change unit), if this replica holds it. */
    Optional<FetchedItem> fetchItem(ItemId id);

    /**
     * True if an enumeration of this provider may run on a thread of its own while the runtime
     * applies earlier batches to the destination and calls {@link #fetchItem} (from another thread).
     * The runtime then reads one batch ahead, so the source's reads overlap the destination's writes.
     */
    default boolean supportsConcurrentEnumeration() {
        return false;
    }

    /** Called once when a session that used this provider ends, successfully or not. */
    default void endSession(boolean success) {}

    @Override
    default void close() {}
}
