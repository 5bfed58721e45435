package dev.syncwright.core.spi;

import dev.syncwright.core.ConflictLogEntry;
import dev.syncwright.core.Conflict;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Metadata Storage Service: where a provider whose store keeps no sync metadata of its own
 * keeps it. Writes happen between {@link #begin()} and {@link #commit()}; {@link #rollback()}
 * undoes them all.
 */
public interface MetadataStore extends AutoCloseable {
    ReplicaId replicaId();

    /** The last tick handed out (0 before the first). */
    long tickCount();

    /** Advances the clock and returns the new tick. */
    long nextTick();

    /** The stored knowledge; its key map is the replica's key map (key 0 = this replica). */
    Knowledge knowledge();

    void saveKnowledge(Knowledge knowledge);

    Knowledge forgottenKnowledge();

    void saveForgottenKnowledge(Knowledge forgotten);

    /** The metadata of one item, or null. */
    @Nullable ItemMetadata item(ItemId id);

    void putItem(ItemMetadata metadata);

    void removeItem(ItemId id);

    /** Items in [from, toExclusive) in id order (null bounds are open). */
    Iterator<ItemMetadata> items(@Nullable ItemId from, @Nullable ItemId toExclusive);

    /** Items whose local tick is greater than {@code tick}, in id order. Stores with an index on ticks override this. */
    default Iterator<ItemMetadata> itemsChangedAfter(long tick) {
        Iterator<ItemMetadata> all = items(null, null);
        return new Iterator<>() {
            private ItemMetadata next = advance();

            private ItemMetadata advance() {
                while (all.hasNext()) {
                    ItemMetadata m = all.next();
                    if (m.localTick() > tick) {
                        return m;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ItemMetadata next() {
                ItemMetadata m = next;
                if (m == null) {
                    throw new java.util.NoSuchElementException();
                }
                next = advance();
                return m;
            }
        };
    }

    /** The item whose custom field {@code field} equals {@code value} (an index for identity lookups), or null. */
    @Nullable ItemMetadata findByCustomField(int field, Object value);

    void logConflict(Conflict conflict);

    /** Marks open deferred conflicts of an item resolved (a later sync applied it). */
    void resolveConflicts(ItemId id);

    List<ConflictLogEntry> conflictLog();

    void begin();

    void commit();

    void rollback();

    @Override
    default void close() {}
}
