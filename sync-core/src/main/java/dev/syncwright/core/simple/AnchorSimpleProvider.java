package dev.syncwright.core.simple;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A simple provider over an {@link AnchorStore}: before each session it asks the store what changed
 * since the anchor it kept last time, records those changes as {@link FullEnumerationSimpleProvider}
 * would (comparing version fields, so the store's own sync writes coming back are recognized), and
 * keeps the new anchor. Costs O(changes) per session.
 *
 * <p>The anchor lives in the metadata store, in the same transaction as the versions, as a custom
 * field of a reserved item that the provider hides from the runtime (so it is never enumerated, sent
 * or cleaned up). Its id starts with 0xFF 0xFF, which no identity whose first field is a
 * {@code String} (never 0xFF in UTF-8) or a {@code Boolean} can produce; under other schemas an item
 * that happens to encode to exactly that id is refused with an error rather than confused with the
 * anchor. (A small key/value entry in {@link MetadataStore} would make the reserved item and its
 * hiding unnecessary; the SPI has none yet.)
 */
public final class AnchorSimpleProvider extends SimpleProvider {
    static final ItemId ANCHOR_ITEM = anchorItem();
    static final int ANCHOR_FIELD = 0;

    private final AnchorStore source;

    /**
     * @param metadata where this replica's sync metadata and anchor live; it must be used by this
     *                 provider only
     */
    public AnchorSimpleProvider(ItemMetadataSchema schema, MetadataStore metadata, AnchorStore store) {
        super(schema, metadata, store, ANCHOR_ITEM);
        this.source = Objects.requireNonNull(store, "store");
    }

    private static ItemId anchorItem() {
        byte[] name = "syncwright:anchor".getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[name.length + 2];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xFF;
        System.arraycopy(name, 0, b, 2, name.length);
        return ItemId.wrap(b);
    }

    /** The anchor kept after the last detection pass (null before the first, or when the store returned none). */
    public byte @Nullable [] anchor() {
        ItemMetadata a = meta.delegate().item(ANCHOR_ITEM);
        Object v = a == null ? null : a.customFields().get(ANCHOR_FIELD);
        return v instanceof byte[] b ? b.clone() : null;
    }

    @Override
    void detect(Pass pass) {
        byte[] anchor = anchor();
        AnchorStore.Changes changes = source.changesSince(anchor == null ? null : anchor.clone());
        if (changes == null) {
            throw new SyncException("The anchor store returned no changes object; return empty lists and the same anchor when nothing changed");
        }
        Set<ItemId> seen = new HashSet<>();
        ItemId[] deleted = ids(changes.deleted(), false, seen, "deleted");
        ItemId[] changed = ids(changes.changed(), true, seen, "changed");
        for (ItemId id : deleted) {
            pass.gone(id);
        }
        for (int i = 0; i < changed.length; i++) {
            pass.present(changed[i], changes.changed().get(i));
        }
        byte[] next = changes.anchor();
        if (!Arrays.equals(next, anchor)) {
            MetadataStore raw = meta.delegate();
            if (next == null) {
                raw.removeItem(ANCHOR_ITEM);
            } else {
                raw.putItem(new ItemMetadata(ANCHOR_ITEM, Version.local(0), null, null, 0, Map.of(ANCHOR_FIELD, next)));
            }
        }
    }

    private ItemId[] ids(List<ItemFields> reported, boolean changed, Set<ItemId> seen, String what) {
        ItemId[] ids = new ItemId[reported.size()];
        for (int i = 0; i < ids.length; i++) {
            ItemFields f = reported.get(i);
            if (f == null) {
                throw new SyncException("The anchor store reported a null " + what + " item");
            }
            schema.check(f, changed, "Anchor store, " + what + " item");
            ItemId id = schema.itemId(f);
            if (id.equals(ANCHOR_ITEM)) {
                throw new SyncException("Item " + f + " encodes to the id this provider reserves for its anchor; it cannot be synchronized"
                        + " by an anchor-based provider");
            }
            if (!seen.add(id)) {
                throw new SyncException("The anchor store reported item " + schema.identity(id)
                        + " more than once (changed and deleted, or twice); report only its final state");
            }
            ids[i] = id;
        }
        return ids;
    }
}
