package dev.syncwright.core.simple;

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
}
