package dev.syncwright.core.simple;

import dev.syncwright.core.ItemId;
import java.util.function.Consumer;

/**
 * A store that can list all its items but not say what changed: a folder of files, a CSV file, a
 * REST collection. The provider compares every listing with its metadata to find inserts, updates
 * (per change unit, from the version fields) and deletes (identities no longer listed).
 */
public interface FullEnumerationStore extends SimpleItemStore {
    /**
     * Hands {@code sink} every item the store holds now, as its identity and version fields, in any
     * order. A sink rather than a list so that a large store streams (and closes its own resources).
     * Listing an identity twice is an error.
     */
    void listItems(Consumer<ItemFields> sink);

    /**
     * Lists like {@link #listItems(Consumer)}, except that an item whose fields are exactly the
     * custom fields recorded for it in the metadata store (a live item, as the store read it from
     * there) may go to {@code unchanged} by its item id alone: the provider then records nothing
     * for it and compares nothing. For a large store that remembers what it recorded (a folder of
     * 100,000 files, nearly all unchanged between two syncs), this makes a detection pass cost a
     * set insertion per unchanged item. By default everything goes to {@code changed}.
     */
    default void listItems(Consumer<ItemFields> changed, Consumer<ItemId> unchanged) {
        listItems(changed);
    }

    /**
     * True only when {@link #listItems(Consumer, Consumer)} would now send every live item of the
     * metadata store to {@code unchanged} and nothing else (no new, changed or missing item): the
     * provider then skips the pass, which would record nothing. For a store that knows this from
     * its own comparison (a folder whose scan found every recorded file as recorded), an idle
     * detection pass then costs nothing per item. By default false: the provider lists.
     */
    default boolean allUnchanged() {
        return false;
    }
}
