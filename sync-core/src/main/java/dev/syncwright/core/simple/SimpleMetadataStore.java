package dev.syncwright.core.simple;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.ForwardingMetadataStore;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.MetadataStore;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The user's metadata store as the simple providers hand it to {@link dev.syncwright.core.spi.MetadataStoreProvider},
 * with two adjustments that need no change to the SPI (everything else is forwarded):
 * <ul>
 *   <li>After a sync write, the runtime stores the item's new versions with the custom fields the item
 *   had <em>before</em> the write. For a simple provider those are stale version fields, and the next
 *   detection pass would see the sync's own write as a local edit (the echo). So the provider announces
 *   the fields to record ({@link #recordNext}) just before the runtime's {@code putItem}, which this
 *   store rewrites, inside the same transaction.</li>
 *   <li>An optional reserved item (the anchor of {@link AnchorSimpleProvider}) is hidden from every
 *   read, so the runtime never enumerates, sends, forgets or cleans it up.</li>
 * </ul>
 */
final class SimpleMetadataStore extends ForwardingMetadataStore {
    private final ItemId hidden;
    private ItemId pendingId;
    private Map<Integer, Object> pendingFields;

    SimpleMetadataStore(MetadataStore delegate, ItemId hidden) {
        super(Objects.requireNonNull(delegate, "metadata store"));
        this.hidden = hidden;
    }

    MetadataStore delegate() {
        return delegate;
    }

    /** The custom fields the next {@code putItem} of {@code id} should carry. */
    void recordNext(ItemId id, Map<Integer, Object> fields) {
        pendingId = id;
        pendingFields = fields;
    }

    void clearPending() {
        pendingId = null;
        pendingFields = null;
    }

    /** Refuses a write of the reserved item, which can only come from another replica that uses the id for data. */
    void checkWritable(ItemId id) {
        if (hidden != null && hidden.equals(id)) {
            throw new SyncException("Item " + hidden + " arrived from another replica, but this anchor-based provider reserves that id"
                    + " for its anchor; it cannot be synchronized here");
        }
    }

    @Override
    public void putItem(ItemMetadata m) {
        checkWritable(m.itemId());
        if (m.itemId().equals(pendingId)) {
            m = m.withCustomFields(pendingFields);
            clearPending();
        }
        delegate.putItem(m);
    }

    @Override
    public void removeItem(ItemId id) {
        if (id.equals(pendingId)) {
            clearPending();
        }
        delegate.removeItem(id);
    }

    @Override
    public ItemMetadata item(ItemId id) {
        return hidden != null && hidden.equals(id) ? null : delegate.item(id);
    }

    @Override
    public Iterator<ItemMetadata> items(ItemId from, ItemId toExclusive) {
        return hide(delegate.items(from, toExclusive));
    }

    @Override
    public Iterator<ItemMetadata> itemsChangedAfter(long tick) {
        return hide(delegate.itemsChangedAfter(tick));
    }

    @Override
    public ItemMetadata findByCustomField(int field, Object value) {
        ItemMetadata m = delegate.findByCustomField(field, value);
        return m != null && hidden != null && hidden.equals(m.itemId()) ? null : m;
    }

    private Iterator<ItemMetadata> hide(Iterator<ItemMetadata> all) {
        if (hidden == null) {
            return all;
        }
        return new Iterator<>() {
            private ItemMetadata next = advance();

            private ItemMetadata advance() {
                while (all.hasNext()) {
                    ItemMetadata m = all.next();
                    if (!hidden.equals(m.itemId())) {
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
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ItemMetadata m = next;
                next = advance();
                return m;
            }
        };
    }

    @Override
    public void begin() {
        clearPending();
        delegate.begin();
    }

    @Override
    public void commit() {
        clearPending();
        delegate.commit();
    }

    @Override
    public void rollback() {
        clearPending();
        delegate.rollback();
    }
}
