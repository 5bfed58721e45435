package dev.syncwright.core.simple;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.MetadataStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A simple provider over a {@link FullEnumerationStore}: before each session it lists the whole store
 * and compares it with the metadata. A new identity is an insert, changed version fields of a unit are
 * an update of that unit, an identity the metadata has and the listing lacks is a delete. The cost is
 * O(items) per session, which is the price of a store that cannot tell what changed.
 *
 * <pre>{@code
 * ItemMetadataSchema schema = new ItemMetadataSchema(
 *     List.of(CustomFieldDefinition.of(NAME, String.class), CustomFieldDefinition.of(HASH, String.class)),
 *     IdentityRule.of(NAME));
 * var provider = new FullEnumerationSimpleProvider(schema, new InMemoryMetadataStore(replicaId), folderStore);
 * SyncOrchestrator.between(provider, server).run();
 * }</pre>
 */
public final class FullEnumerationSimpleProvider extends SimpleProvider {
    private final FullEnumerationStore source;

    /**
     * @param metadata where this replica's sync metadata lives; it must be used by this provider only
     *                 (and survive as long as the store does, or the store's items look new again)
     */
    public FullEnumerationSimpleProvider(ItemMetadataSchema schema, MetadataStore metadata, FullEnumerationStore store) {
        super(schema, metadata, store, null);
        this.source = Objects.requireNonNull(store, "store");
    }

    @Override
    void detect(Pass pass) {
        if (source.allUnchanged()) {
            return; // every live item listed as unchanged and nothing else: the pass would record nothing
        }
        Set<ItemId> seen = new HashSet<>();
        source.listItems(f -> {
            if (f == null) {
                throw new SyncException("The item store listed a null item");
            }
            schema.check(f, true, "Item store listing");
            ItemId id = schema.itemId(f);
            if (!seen.add(id)) {
                throw new SyncException("The item store listed item " + schema.identity(id) + " twice; identities must be unique");
            }
            pass.present(id, f);
        }, id -> {
            if (!seen.add(id)) {
                throw new SyncException("The item store listed item " + id + " twice; identities must be unique");
            }
            pass.unchanged(id);
        });
        // Collected first: a metadata store may stream items and need them unchanged while it does.
        List<ItemId> gone = new ArrayList<>();
        meta.items(null, null).forEachRemaining((ItemMetadata m) -> {
            if (!m.isTombstone() && !seen.contains(m.itemId())) {
                gone.add(m.itemId());
            }
        });
        gone.forEach(pass::gone);
    }
}
