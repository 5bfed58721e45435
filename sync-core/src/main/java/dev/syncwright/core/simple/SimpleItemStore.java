package dev.syncwright.core.simple;

/**
 * The data side of a store that keeps no sync metadata of its own, as a simple provider reads and
 * writes it. Items are addressed by their identity fields; their data is one value per change unit
 * (an {@code Object[]} of {@link ItemMetadataSchema#changeUnitCount()} values, indexed by unit).
 *
 * <p>Writes return the item's <b>version fields after the write</b>, as the store would report them
 * on its next listing (the new hash, the new timestamp). The provider records them together with the
 * versions the sync gave the item, so that its next detection pass does not mistake the sync's own
 * write for a local edit and send it back (the echo trap).
 *
 * <p><b>Local edits racing with a sync.</b> Changes are detected when a session starts; an edit made
 * after that and before the sync writes the same item is not yet known. {@link #update} and
 * {@link #delete} therefore receive the version fields the provider last recorded
 * ({@code expected}), as Sync Framework's simple providers do: a store that can compare them with the
 * item's current version fields should throw when a unit it is asked to overwrite (or an item it is
 * asked to delete) changed meanwhile, and {@link #insert} should throw when the item already exists.
 * The batch then rolls back, the session fails, and the next session detects the local edit and
 * resolves it against the incoming change as the conflict it is. A store that does not check simply
 * lets the sync overwrite such an edit (last writer wins). Units not written are never touched, so a
 * racing edit of another unit always survives and is detected next time.
 *
 * <p>Writes are not part of the metadata transaction: if a batch fails after some writes, the
 * metadata rolls back and the next detection pass records those writes as local changes. Nothing is
 * lost, but they travel again, possibly as conflicts that resolve to the same value.
 */
public interface SimpleItemStore {
    /** The item's data by change unit, or null when the store no longer holds it. */
    Object[] load(ItemFields identity);

    /**
     * Creates the item with {@code values} (one per change unit) and returns its version fields. If an
     * item with this identity appeared since the last detection pass, throw (or overwrite it, see
     * above).
     */
    ItemFields insert(ItemFields identity, Object[] values);

    /**
     * Changes the given change units ({@code units} ascending, {@code values} aligned with them),
     * leaving the others as they are, and returns the version fields of at least the written units
     * (others are ignored, so that a local edit to them made meanwhile is still detected).
     * {@code expected} holds the identity fields and the version fields last recorded for the item. If
     * the item is gone, throw: the next detection pass records the deletion, which the runtime then
     * resolves against the incoming change.
     */
    ItemFields update(ItemFields expected, int[] units, Object[] values);

    /**
     * Deletes the item ({@code expected}: its identity and last recorded version fields); a missing item
     * is not an error.
     */
    void delete(ItemFields expected);
}
